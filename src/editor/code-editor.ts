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
 *     draft: draftStorage('checkout'),        // progress/draft.ts
 *     onRun: () => void run(),
 *   });
 *   const runtime = new WorkerRuntime(new EditorTranspiler(editor, () => new WorkerTranspiler()));
 *   // on Run: runtime.run({ files: editor.getFiles(), entry: editor.main }); editor.setRunErrors(result.errors)
 */
import type { Transpiler } from '../runtime/browser-transpiler.ts';
import type { RunError } from '../../sandboxes/wire/protocol.ts';
import type { DraftStorage } from '../progress/draft.ts';
import { loadBackend } from './backend-loader.ts';
import { bindDrafts, type BoundDrafts } from './draft-binding.ts';
import { EditorFiles } from './editor-files.ts';
import { EditorNotice } from './editor-notice.ts';
import { wireFileTabs } from './file-tabs.ts';
import { whenNeeded } from './lazy-trigger.ts';
import { scroller, showPlainText, staticViews } from './static-view.ts';
import type { BackendEvents, Cursor, EditorBackend, EditorFile, EditorKind, LoadTrigger } from './types.ts';

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
  /** Autosave of the main file and the cursor (`draftStorage(id)`, or one over the progress store). */
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
  /** Whether Monaco has started loading (the learner came near the editor, or something asked for it). */
  loadStarted(): boolean;
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
  const editor = new PageCodeEditor(host, options);
  if (host.id) (window.courseEditors ??= {})[host.id] = editor;
  return editor;
}

/**
 * The editor on the page: the static view until Monaco (or the textarea) is mounted, then that
 * backend. The files' text and the cursor live in `EditorFiles` while no backend holds them.
 */
class PageCodeEditor implements CodeEditor {
  readonly host: HTMLElement;
  readonly main: string;
  readonly ready: Promise<'monaco' | 'textarea'>;
  private settle: (kind: 'monaco' | 'textarea') => void = () => undefined;
  private readonly options: CodeEditorOptions;
  private readonly state: EditorFiles;
  private readonly views: Map<string, HTMLElement>;
  private readonly surface: HTMLElement;
  private readonly notice: EditorNotice;
  private readonly events: BackendEvents;
  private readonly drafts: BoundDrafts | undefined;
  private readonly markTabs: (file: string) => void;
  private readonly cleanups: (() => void)[] = [];
  private currentKind: EditorKind = 'static';
  private backend: EditorBackend | undefined;
  private loading: Promise<'monaco' | 'textarea'> | undefined;
  private runErrors: RunError[] = [];
  private pointer: { x: number; y: number } | undefined;
  private resetting = false;
  private disposed = false;

  constructor(host: HTMLElement, options: CodeEditorOptions) {
    this.host = host;
    this.options = options;
    this.state = new EditorFiles(options.files ?? filesFromHost(host), options.main);
    this.main = this.state.main;
    this.views = staticViews(host);
    this.surface = host.querySelector<HTMLElement>('[data-editor-surface]') ?? host;
    this.notice = new EditorNotice(host.querySelector<HTMLElement>('[data-editor-notice]') ?? host.insertBefore(document.createElement('div'), host.firstChild));
    this.ready = new Promise((resolve) => (this.settle = resolve));
    this.setKind('static');
    this.events = {
      change: (file, value) => {
        this.state.setValue(file, value);
        if (file === this.main) this.drafts?.autosave.update(value, this.state.cursor);
        if (!this.resetting && this.notice.tone === 'info') this.notice.hide();
        options.onChange?.(file, value);
      },
      cursor: (at) => {
        if (this.state.moveCursor(at)) this.drafts?.autosave.update(this.state.value(this.main), at);
      },
      run: () => options.onRun?.(),
    };
    // Drafts: restored before anything is shown, saved as the learner types.
    this.drafts = options.draft ? bindDrafts(options.draft, this.notice, (code) => this.replaceFile(this.main, code)) : undefined;
    if (this.drafts) this.restoreDraft(this.drafts);
    this.markTabs = wireFileTabs(host, (file) => this.showFile(file));
    this.listen();
    this.cleanups.push(whenNeeded(host, options.load ?? 'visible', () => void this.load()));
  }

  get kind(): EditorKind {
    return this.currentKind;
  }

  load(): Promise<'monaco' | 'textarea'> {
    return (this.loading ??= this.mount());
  }

  loadStarted(): boolean {
    return this.loading !== undefined;
  }

  getValue(file = this.main): string {
    return this.backend?.getValue(file) ?? this.state.value(file);
  }

  getFiles(): Record<string, string> {
    return Object.fromEntries(this.state.names.map((name) => [name, this.getValue(name)]));
  }

  setValue(value: string, file = this.main): void {
    this.replaceFile(file, value);
  }

  async reset(): Promise<void> {
    await this.load();
    const changed = this.state.changedFromStarter((file) => this.getValue(file));
    if (!changed.length) return;
    this.resetting = true;
    try {
      for (const file of changed) this.replaceFile(file, this.state.starter(file));
    } finally {
      this.resetting = false;
    }
    const undo = () => {
      this.notice.hide();
      this.undo();
    };
    this.notice.show('The starter code is back. Ctrl+Z in the editor, or Undo, brings your code back.', [{ label: 'Undo', run: undo }]);
  }

  undo(): void {
    if (this.state.active !== this.main) this.showFile(this.main);
    this.backend?.undo();
  }

  saveDraft(): void {
    this.drafts?.autosave.flush();
  }

  getCursor(): Cursor | undefined {
    return this.backend && this.state.active === this.main ? this.backend.getCursor() : this.state.cursor;
  }

  setCursor(at: Cursor): void {
    this.state.cursor = at;
    this.backend?.setCursor(at);
  }

  showFile(file: string): void {
    if (!this.state.has(file)) throw new Error(`This editor has no file ${file}`);
    this.state.active = file;
    this.markTabs(file);
    if (this.backend) return this.backend.show(file);
    for (const [name, view] of this.views) view.hidden = name !== file;
  }

  setRunErrors(errors: RunError[]): void {
    this.runErrors = errors;
    this.backend?.setRunErrors(errors);
  }

  focus(): void {
    if (this.backend) return this.backend.focus();
    void this.load().then(() => this.backend?.focus());
  }

  async transpiler(): Promise<Transpiler | undefined> {
    await this.load();
    return this.backend?.transpiler();
  }

  dispose(): void {
    this.disposed = true;
    this.cleanups.forEach((cleanup) => cleanup());
    this.backend?.dispose();
    if (window.courseEditors?.[this.host.id] === this) delete window.courseEditors[this.host.id];
  }

  private setKind(next: EditorKind): void {
    this.currentKind = next;
    this.host.dataset.editor = next;
  }

  private restoreDraft(drafts: BoundDrafts): void {
    const draft = drafts.restored;
    if (draft && draft.code !== this.state.value(this.main)) {
      this.state.setValue(this.main, draft.code);
      const view = this.views.get(this.main);
      if (view) showPlainText(view, draft.code);
    }
    this.state.cursor = draft?.cursor;
    this.cleanups.push(() => drafts.dispose());
  }

  private replaceFile(file: string, value: string): void {
    if (this.backend) return this.backend.replace(file, value);
    const view = this.views.get(file);
    if (view) showPlainText(view, value);
    this.events.change(file, value);
  }

  private listen(): void {
    // Ctrl/Cmd+Enter runs before Monaco is up too (it starts loading on that key as well).
    const runKey = (event: KeyboardEvent) => {
      if (this.backend || event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      this.options.onRun?.();
    };
    this.host.addEventListener('keydown', runKey);
    this.cleanups.push(() => this.host.removeEventListener('keydown', runKey));
    // Where a click on the static code landed, so that the cursor goes there once Monaco is up.
    for (const view of this.views.values()) {
      view.addEventListener('pointerdown', (event: PointerEvent) => (this.pointer = { x: event.clientX, y: event.clientY }));
    }
  }

  private async mount(): Promise<'monaco' | 'textarea'> {
    const { host, surface, state } = this;
    this.setKind('loading');
    surface.setAttribute('aria-busy', 'true');
    performance.mark('code-editor:load-start', { detail: host.id });
    const shownView = this.views.get(state.active);
    const scrollTop = shownView ? scroller(shownView).scrollTop : 0;
    const label = this.options.label ?? host.dataset.label ?? 'Code editor';
    const directory = (host.id || `code-editor-${++unnamed}`).replace(/[^\w-]/g, '-');
    const backend = await loadBackend(
      () => ({ surface, files: state.current(), active: state.active, label, directory, libraries: this.options.libraries ?? {}, cursor: state.cursor, events: this.events }),
      this.notice,
    );
    this.backend = backend;
    if (this.disposed) {
      backend.dispose();
      return backend.kind;
    }
    const focusInside = !!shownView?.contains(document.activeElement);
    for (const view of this.views.values()) view.remove();
    surface.removeAttribute('aria-busy');
    this.setKind(backend.kind);
    backend.scrollTo(scrollTop);
    if (this.runErrors.length) backend.setRunErrors(this.runErrors);
    if (this.pointer || focusInside) backend.focus(this.pointer);
    performance.mark('code-editor:editable', { detail: host.id });
    host.dispatchEvent(new CustomEvent('code-editor-ready', { detail: backend.kind }));
    this.settle(backend.kind);
    return backend.kind;
  }
}
