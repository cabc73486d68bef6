/**
 * The Monaco side of the code editor, loaded on demand (its own chunks: the page does not pay
 * for it until an editor is needed).
 */
// Every editor feature, registered before the first editor is created (a feature registered
// later is not attached to it). This is the list Monaco's TypeScript support itself imports
// (its worker client does), so the bundle holds all of them anyway and picking a few would
// save nothing; the public `features/register.all` of 0.57 misses suggestions, paste and
// go-to-definition. Options below switch off what a learner does not need.
import 'monaco-editor/internal/common/workers.js';
import 'monaco-editor/languages/definitions/typescript/register';
// Collector configuration exercises edit YAML: Monaco's basic YAML language (highlighting only).
import 'monaco-editor/languages/definitions/yaml/register';
import { editor, Uri, type IDisposable } from 'monaco-editor/editor';
import type { BackendOptions, Cursor, EditorBackend } from '../types.ts';
import { installMonacoEnvironment, wantTypeScript } from './environment.ts';
import { cacheCompilerForOffline } from './offline-compiler.ts';
import { bindFormat, bindRun, escapeThenTabLeaves } from './keys.ts';
import { RunMarkers } from './run-markers.ts';
import { followSiteTheme } from './themes.ts';
import { MonacoTranspiler } from './transpiler.ts';
import { addLibraries, configureTypeScript } from './typescript-service.ts';

/**
 * Phones: 16 px keeps iOS from zooming in on focus. Long lines scroll sideways everywhere:
 * wrapping them split tokens ('1.0. / 0'), and the static preview must look the same.
 */
const narrow = () => matchMedia('(max-width: 40rem)').matches;
const touchPhone = () => matchMedia('(max-width: 40rem) and (pointer: coarse)').matches;

function layoutOptions(): editor.IEditorOptions {
  const phone = touchPhone();
  return {
    fontSize: phone ? 16 : 14,
    lineHeight: phone ? 24 : 21,
    wordWrap: 'off',
    lineNumbersMinChars: narrow() ? 2 : 3,
  };
}

/** A small, quiet editor: no minimap, folding, code lens or colour decorators; the options a learner never needs. */
const QUIET_EDITOR: editor.IStandaloneEditorConstructionOptions = {
  padding: { top: 12, bottom: 12 },
  lineDecorationsWidth: 10,
  glyphMargin: false,
  folding: false,
  minimap: { enabled: false },
  stickyScroll: { enabled: false },
  codeLens: false,
  inlayHints: { enabled: 'off' },
  colorDecorators: false,
  scrollBeyondLastLine: false,
  // A page that scrolls past an editor keeps scrolling when the editor has nowhere to go.
  scrollbar: { alwaysConsumeMouseWheel: false, verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
  overviewRulerLanes: 0,
  hideCursorInOverviewRuler: true,
  renderLineHighlight: 'line',
  // Plain brackets, as in the static preview.
  bracketPairColorization: { enabled: false },
  // Suggestions and hovers may spill out of a small editor.
  fixedOverflowWidgets: true,
  automaticLayout: true,
  tabSize: 2,
  'semanticHighlighting.enabled': false,
};

let transpiler: MonacoTranspiler | undefined;

export interface MonacoBackendOptions extends BackendOptions {
  /** Declaration files of the packages learner code may import (the generated bundle). */
  declarations: Record<string, string>;
}

export function mountMonaco(options: MonacoBackendOptions): EditorBackend {
  installMonacoEnvironment();
  configureTypeScript(options.declarations);
  followSiteTheme();

  const disposables: IDisposable[] = [...addLibraries(options.directory, options.libraries)];
  const readOnly = new Set(options.files.filter((f) => f.readOnly).map((f) => f.name));
  const models = new Map<string, editor.ITextModel>();
  for (const file of options.files) {
    const uri = Uri.parse(`file:///${options.directory}/${file.name}`);
    editor.getModel(uri)?.dispose();
    const model = editor.createModel(file.value, /\.ya?ml$/.test(file.name) ? 'yaml' : 'typescript', uri);
    model.updateOptions({ tabSize: 2, insertSpaces: true });
    models.set(file.name, model);
    disposables.push(model.onDidChangeContent(() => options.events.change(file.name, model.getValue())));
  }
  const model = (file: string) => {
    const found = models.get(file);
    if (!found) throw new Error(`This editor has no file ${file}`);
    return found;
  };

  const container = document.createElement('div');
  container.className = 'code-editor__monaco';
  options.surface.append(container);
  cacheCompilerForOffline();
  const codeEditor = editor.create(container, {
    model: model(options.active),
    readOnly: readOnly.has(options.active),
    readOnlyMessage: { value: 'This file belongs to the exercise: you can read it, not change it.' },
    ariaLabel: `${options.label}. Ctrl+Enter runs. Escape then Tab leaves the editor.`,
    fontFamily: getComputedStyle(options.surface).getPropertyValue('--font-mono').trim() || 'monospace',
    ...layoutOptions(),
    ...QUIET_EDITOR,
  });
  disposables.push(codeEditor);

  const viewStates = new Map<string, editor.ICodeEditorViewState | null>();
  let shown = options.active;
  const markers = new RunMarkers(codeEditor, () => models);

  const media = [matchMedia('(max-width: 40rem)'), matchMedia('(max-width: 40rem) and (pointer: coarse)')];
  const relayout = () => codeEditor.updateOptions(layoutOptions());
  media.forEach((m) => m.addEventListener('change', relayout));

  disposables.push(
    // Checking, hovers and suggestions need the TypeScript worker: it starts when the learner
    // comes to the editor (a press or a key focuses it first), not for every editor a page shows.
    codeEditor.onDidFocusEditorWidget(wantTypeScript),
    codeEditor.onMouseMove(wantTypeScript),
    bindRun(codeEditor, () => options.events.run()),
    bindFormat(codeEditor),
    escapeThenTabLeaves(codeEditor, options.surface),
    codeEditor.onDidChangeCursorPosition((e) => options.events.cursor({ line: e.position.lineNumber, column: e.position.column })),
  );

  const setCursor = (cursor: Cursor) => {
    const position = { lineNumber: cursor.line, column: cursor.column };
    codeEditor.setPosition(position);
    codeEditor.revealPositionInCenterIfOutsideViewport(position);
  };
  if (options.cursor) setCursor(options.cursor);

  return {
    kind: 'monaco',
    getValue: (file) => model(file).getValue(),
    replace(file, value) {
      const target = model(file);
      if (target.getValue() === value) return;
      // One undo step of its own: Ctrl+Z (or undo()) brings the old text back.
      target.pushStackElement();
      target.pushEditOperations(codeEditor.getModel() === target ? codeEditor.getSelections() : [], [{ range: target.getFullModelRange(), text: value }], () => null);
      target.pushStackElement();
    },
    undo: () => codeEditor.trigger('course', 'undo', null),
    show(file) {
      if (file === shown) return;
      viewStates.set(shown, codeEditor.saveViewState());
      shown = file;
      codeEditor.setModel(model(file));
      codeEditor.updateOptions({ readOnly: readOnly.has(file) });
      const state = viewStates.get(file);
      if (state) codeEditor.restoreViewState(state);
      markers.refresh();
    },
    getCursor() {
      const p = codeEditor.getPosition();
      return { line: p?.lineNumber ?? 1, column: p?.column ?? 1 };
    },
    setCursor,
    setRunErrors: (errors) => markers.set(errors),
    focus(at) {
      if (at) {
        const target = codeEditor.getTargetAtClientPoint(at.x, at.y);
        if (target?.position) codeEditor.setPosition(target.position);
      }
      codeEditor.focus();
    },
    scrollTo: (top) => codeEditor.setScrollTop(top),
    transpiler: () => (transpiler ??= new MonacoTranspiler()),
    dispose() {
      media.forEach((m) => m.removeEventListener('change', relayout));
      disposables.forEach((d) => d.dispose());
      container.remove();
    },
  };
}
