/**
 * The code editor of the course: Monaco with TypeScript IntelliSense for the OpenTelemetry API,
 * loaded only when needed. Until then the host shows the code highlighted at build time
 * (CodeEditorHost.astro), and if Monaco cannot load, a plain textarea stands in. This module is
 * small on purpose: it is what a page downloads while the learner reads.
 *
 *   <CodeEditorHost id="ex-checkout" label="Your code" files={[{ name: 'main.ts', value: starter },
 *     { name: 'scenario.ts', value: harness, readOnly: true }]} />
 *
 *   const editor = createCodeEditor(document.getElementById('ex-checkout')!, {
 *     draft: localDraftStorage('checkout'),   // or a DraftStorage over the progress store
 *     onRun: () => void run(),
 *   });
 *   const runtime = new WorkerRuntime(new EditorTranspiler(editor, () => new WorkerTranspiler()));
 *   // on Run: runtime.run({ files: editor.getFiles(), entry: editor.main }); editor.setRunErrors(result.errors)
 */
import type { Transpiler } from '../runtime/browser-transpiler.ts';
import type { RunError } from '../../sandboxes/wire/protocol.ts';
import { DraftAutosave, type DraftStorage } from './drafts.ts';
import { EditorNotice } from './editor-notice.ts';
import { wireFileTabs } from './file-tabs.ts';
import { whenNeeded } from './lazy-trigger.ts';
import { scroller, showPlainText, staticViews } from './static-view.ts';
import { mountTextarea } from './textarea-backend.ts';
import type { BackendEvents, BackendOptions, Cursor, EditorBackend, EditorFile, EditorKind, LoadTrigger } from './types.ts';

export type { Cursor, EditorFile, EditorKind, LoadTrigger } from './types.ts';

export interface CodeEditorOptions {
  /** The files, in tab order. Default: those CodeEditorHost.astro rendered into the host. */
  files?: EditorFile[] | undefined;
  /** The learner's file: shown first, and the one drafts keep. Default: the first editable file. */
  main?: string | undefined;
  /** Accessible name. Default: the host's `data-label`. */
  label?: string | undefined;
  /** When Monaco loads (default `visible`: as the host comes into view, or at the first interaction). */
  load?: LoadTrigger | undefined;
  /** Autosave of the main file and the cursor (`localDraftStorage(id)`, or the progress store). */
  draft?: DraftStorage | undefined;
  /** Declarations the code may import but the learner does not see (exercise helpers), by file name. */
  libraries?: Record<string, string> | undefined;
  onChange?: ((file: string, value: string) => void) | undefined;
  /** Ctrl/Cmd+Enter in the editor. */
  onRun?: (() => void) | undefined;
}

export interface CodeEditor {
  readonly host: HTMLElement;
  /** What the learner sees now (see `EditorKind`). */
  readonly kind: EditorKind;
  /** The main (learner's) file. */
  readonly main: string;
  /** Settles when the editor can be edited: `monaco`, or `textarea` if Monaco could not load. Never rejects. */
  readonly ready: Promise<'monaco' | 'textarea'>;
  /** Starts loading Monaco now, if it has not started; returns `ready`. */
  load(): Promise<'monaco' | 'textarea'>;
  getValue(file?: string): string;
  /** Every file's current text, by name (what a Run sends). */
  getFiles(): Record<string, string>;
  /** Replaces a file's text (default: the main file) as one undoable edit. */
  setValue(value: string, file?: string): void;
  /** Puts the starter code back in every editable file; Ctrl+Z, `undo()` or the notice's Undo bring the learner's code back. */
  reset(): Promise<void>;
  undo(): void;
  /** Saves a pending draft now (before a Run that could take the tab down). */
  saveDraft(): void;
  getCursor(): Cursor | undefined;
  setCursor(cursor: Cursor): void;
  showFile(file: string): void;
  /** Marks the errors of the last Run in place (runtime errors at their line); `[]` clears them. */
  setRunErrors(errors: RunError[]): void;
  focus(): void;
  /** Monaco's TypeScript worker as the runtime's transpiler, once Monaco is up; undefined for the textarea. */
  transpiler(): Promise<Transpiler | undefined>;
  dispose(): void;
}

declare global {
  interface Window {
    /** The page's code editors by host id, for end-to-end tests and benchmarks. */
    courseEditors?: Record<string, CodeEditor>;
  }
  interface HTMLElementEventMap {
    /** Fired on the host when the editor becomes editable; `detail` is its kind. */
    'code-editor-ready': CustomEvent<'monaco' | 'textarea'>;
  }
}

/** The files CodeEditorHost.astro wrote into the host as JSON. */
export function filesFromHost(host: HTMLElement): EditorFile[] {
  const data = host.querySelector('script[data-editor-files]')?.textContent;
  return data ? (JSON.parse(data) as EditorFile[]) : [];
}

let unnamed = 0;

export function createCodeEditor(host: HTMLElement, options: CodeEditorOptions = {}): CodeEditor {
  const files = options.files ?? filesFromHost(host);
  if (!files.length) throw new Error('createCodeEditor: the editor has no files.');
  const names = files.map((f) => f.name);
  const main = options.main ?? files.find((f) => !f.readOnly)?.name ?? names[0]!;
  const label = options.label ?? host.dataset.label ?? 'Code editor';
  const directory = (host.id || `code-editor-${++unnamed}`).replace(/[^\w-]/g, '-');
  const starters = new Map(files.map((f) => [f.name, f.value]));
  const values = new Map(starters);
  const editable = files.filter((f) => !f.readOnly).map((f) => f.name);
  const views = staticViews(host);
  const surface = host.querySelector<HTMLElement>('[data-editor-surface]') ?? host;
  const notice = new EditorNotice(host.querySelector<HTMLElement>('[data-editor-notice]') ?? host.insertBefore(document.createElement('div'), host.firstChild));

  let kind: EditorKind = 'static';
  let backend: EditorBackend | undefined;
  let active = main;
  let cursor: Cursor | undefined;
  let runErrors: RunError[] = [];
  let pointer: { x: number; y: number } | undefined;
  let resetting = false;
  let disposed = false;
  const cleanups: (() => void)[] = [];
  const setKind = (next: EditorKind) => {
    kind = next;
    host.dataset.editor = next;
  };
  setKind('static');

  // Drafts: restored before anything is shown, saved as the learner types.
  let autosave: DraftAutosave | undefined;
  if (options.draft) {
    const drafts = new DraftAutosave(options.draft, {
      onConflict: () =>
        notice.show(
          'This code was changed in another tab. Your changes here are not saved until you choose which version to keep.',
          [
            {
              label: 'Use the other tab’s version',
              run: () => {
                const theirs = drafts.takeTheirs();
                if (theirs) replaceFile(main, theirs.code);
                notice.hide();
              },
            },
            {
              label: 'Keep this version',
              run: () => {
                drafts.keepMine();
                notice.hide();
              },
            },
          ],
          'warn',
        ),
      onError: (message) => notice.show(message, [], 'error'),
      onSaved: () => notice.tone === 'error' && notice.hide(),
    });
    autosave = drafts;
    const draft = drafts.restore();
    if (draft && draft.code !== values.get(main)) {
      values.set(main, draft.code);
      const view = views.get(main);
      if (view) showPlainText(view, draft.code);
    }
    cursor = draft?.cursor;
    const onStorage = (event: StorageEvent) => {
      if (event.key === null) drafts.receive(null);
      else if (event.key === drafts.key) drafts.receive(event.newValue);
    };
    const flush = () => drafts.flush();
    const onHidden = () => document.visibilityState === 'hidden' && drafts.flush();
    window.addEventListener('storage', onStorage);
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHidden);
    cleanups.push(() => {
      window.removeEventListener('storage', onStorage);
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
      drafts.flush();
      drafts.dispose();
    });
  }

  const events: BackendEvents = {
    change(file, value) {
      values.set(file, value);
      if (file === main) autosave?.update(value, cursor);
      if (!resetting && notice.tone === 'info') notice.hide();
      options.onChange?.(file, value);
    },
    cursor(at) {
      if (active !== main) return;
      cursor = at;
      autosave?.update(values.get(main)!, at);
    },
    run: () => options.onRun?.(),
  };

  function replaceFile(file: string, value: string): void {
    if (backend) return backend.replace(file, value);
    const view = views.get(file);
    if (view) showPlainText(view, value);
    events.change(file, value);
  }

  const markTabs = wireFileTabs(host, (file) => showFile(file));
  function showFile(file: string): void {
    if (!starters.has(file)) throw new Error(`This editor has no file ${file}`);
    active = file;
    markTabs(file);
    if (backend) return backend.show(file);
    for (const [name, view] of views) view.hidden = name !== file;
  }

  // Ctrl/Cmd+Enter runs before Monaco is up too (it starts loading on that key as well).
  const runKey = (event: KeyboardEvent) => {
    if (backend || event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    options.onRun?.();
  };
  host.addEventListener('keydown', runKey);
  cleanups.push(() => host.removeEventListener('keydown', runKey));

  // Where a click on the static code landed, so that the cursor goes there once Monaco is up.
  for (const view of views.values()) {
    const remember = (event: PointerEvent) => (pointer = { x: event.clientX, y: event.clientY });
    view.addEventListener('pointerdown', remember);
  }

  let settle: (kind: 'monaco' | 'textarea') => void = () => undefined;
  const ready = new Promise<'monaco' | 'textarea'>((resolve) => (settle = resolve));
  let loading: Promise<'monaco' | 'textarea'> | undefined;

  async function mount(): Promise<'monaco' | 'textarea'> {
    setKind('loading');
    surface.setAttribute('aria-busy', 'true');
    performance.mark('code-editor:load-start', { detail: host.id });
    const shownView = views.get(active);
    const scrollTop = shownView ? scroller(shownView).scrollTop : 0;
    const backendOptions = (): BackendOptions => ({
      surface,
      files: files.map((f) => ({ ...f, value: values.get(f.name)! })),
      active,
      label,
      directory,
      libraries: options.libraries ?? {},
      cursor,
      events,
    });
    try {
      const [{ mountMonaco }, { declarationFiles }] = await Promise.all([
        import('./monaco/monaco-backend.ts'),
        // The declarations are their own chunk, fetched beside Monaco; without them the editor still works.
        import('./generated/editor-types.ts').catch(() => ({ declarationFiles: {} as Record<string, string> })),
      ]);
      backend = mountMonaco({ ...backendOptions(), declarations: declarationFiles });
    } catch (error) {
      console.warn('Monaco could not load; a plain textarea stands in.', error);
      surface.querySelector('.code-editor__monaco')?.remove();
      backend = mountTextarea(backendOptions());
      notice.show('The full editor could not load, so this is a plain text box: you can still edit and run your code.', [], 'warn');
    }
    if (disposed) {
      backend.dispose();
      return backend.kind;
    }
    const focusInside = !!shownView?.contains(document.activeElement);
    for (const view of views.values()) view.remove();
    surface.removeAttribute('aria-busy');
    setKind(backend.kind);
    backend.scrollTo(scrollTop);
    if (runErrors.length) backend.setRunErrors(runErrors);
    if (pointer || focusInside) backend.focus(pointer);
    performance.mark('code-editor:editable', { detail: host.id });
    host.dispatchEvent(new CustomEvent('code-editor-ready', { detail: backend.kind }));
    settle(backend.kind);
    return backend.kind;
  }

  const load = () => (loading ??= mount());
  const stopWaiting = whenNeeded(host, options.load ?? 'visible', () => void load());
  cleanups.push(stopWaiting);

  const getValue = (file = main) => backend?.getValue(file) ?? values.get(file) ?? '';

  const api: CodeEditor = {
    host,
    get kind() {
      return kind;
    },
    main,
    ready,
    load,
    getValue,
    getFiles: () => Object.fromEntries(names.map((name) => [name, getValue(name)])),
    setValue: (value, file = main) => replaceFile(file, value),
    async reset() {
      await load();
      const changed = editable.filter((file) => getValue(file) !== starters.get(file));
      if (!changed.length) return;
      resetting = true;
      try {
        for (const file of changed) replaceFile(file, starters.get(file)!);
      } finally {
        resetting = false;
      }
      notice.show('The starter code is back. Ctrl+Z in the editor, or Undo, brings your code back.', [
        {
          label: 'Undo',
          run: () => {
            notice.hide();
            api.undo();
          },
        },
      ]);
    },
    undo() {
      if (active !== main) showFile(main);
      backend?.undo();
    },
    saveDraft: () => autosave?.flush(),
    getCursor: () => (backend && active === main ? backend.getCursor() : cursor),
    setCursor(at) {
      cursor = at;
      backend?.setCursor(at);
    },
    showFile,
    setRunErrors(errors) {
      runErrors = errors;
      backend?.setRunErrors(errors);
    },
    focus() {
      if (backend) return backend.focus();
      void load().then(() => backend?.focus());
    },
    async transpiler() {
      await load();
      return backend?.transpiler();
    },
    dispose() {
      disposed = true;
      cleanups.forEach((cleanup) => cleanup());
      backend?.dispose();
      if (window.courseEditors?.[host.id] === api) delete window.courseEditors[host.id];
    },
  };
  if (host.id) (window.courseEditors ??= {})[host.id] = api;
  return api;
}
