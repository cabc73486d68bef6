import type { Transpiler } from '../runtime/browser-transpiler.ts';
import type { RunError } from '../../sandboxes/wire/protocol.ts';

/** A file shown in the editor, by its name in the exercise (`main.ts`, `scenario.ts`). */
export interface EditorFile {
  name: string;
  value: string;
  /** A harness file the learner may read but not change. */
  readOnly?: boolean | undefined;
}

/** 1-based, as editors and error messages count. */
export interface Cursor {
  line: number;
  column: number;
}

/**
 * `static`: the highlighted starter rendered at build time (nothing downloaded yet).
 * `loading`: Monaco is on its way. `monaco`: the full editor. `textarea`: Monaco could not
 * load, and a plain textarea stands in, so the learner can still edit and run.
 */
export type EditorKind = 'static' | 'loading' | 'monaco' | 'textarea';

/** What starts loading Monaco: the host coming into view (default), the first interaction, or now. */
export type LoadTrigger = 'visible' | 'interaction' | 'now';

/**
 * The editing surface behind a code editor: Monaco or the fallback textarea. The code editor
 * talks to either through this interface; it is internal to `src/editor/`.
 */
export interface EditorBackend {
  readonly kind: 'monaco' | 'textarea';
  getValue(file: string): string;
  /** Replaces a file's text as one undoable edit (Ctrl+Z brings the old text back). */
  replace(file: string, value: string): void;
  undo(): void;
  show(file: string): void;
  getCursor(): Cursor;
  setCursor(cursor: Cursor): void;
  setRunErrors(errors: RunError[]): void;
  /** Focuses the editor; with a point (client pixels), puts the cursor there first. */
  focus(at?: { x: number; y: number }): void;
  /** Scrolls as the static preview was scrolled, so the code stays where the learner saw it. */
  scrollTo(top: number): void;
  /** Monaco's TypeScript worker as the runtime's transpiler; the textarea has none. */
  transpiler(): Transpiler | undefined;
  dispose(): void;
}

/** What the code editor tells its backend about: edits, cursor moves, Run. */
export interface BackendEvents {
  change(file: string, value: string): void;
  cursor(cursor: Cursor): void;
  run(): void;
}

export interface BackendOptions {
  /** The element the surface goes into (the static view is replaced). */
  surface: HTMLElement;
  files: EditorFile[];
  active: string;
  /** Accessible name of the editing surface. */
  label: string;
  /** Where the editor's files live in the TypeScript service (`file:///<directory>/main.ts`). */
  directory: string;
  /** Declarations the learner's code may import but does not see, by file name in the exercise. */
  libraries: Record<string, string>;
  cursor?: Cursor | undefined;
  events: BackendEvents;
}
