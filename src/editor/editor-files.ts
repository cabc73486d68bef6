/**
 * What a code editor holds, without the DOM: its files, which one is the learner's (`main`), the
 * starter text of each, the current text while no editing surface has it, the file on show and
 * the cursor in the main file.
 */
import type { Cursor, EditorFile } from './types.ts';

export class EditorFiles {
  readonly files: readonly EditorFile[];
  readonly names: readonly string[];
  readonly main: string;
  /** The files the learner may change, in tab order. */
  readonly editable: readonly string[];
  private readonly starters: ReadonlyMap<string, string>;
  private readonly values: Map<string, string>;
  active: string;
  cursor: Cursor | undefined;

  constructor(files: readonly EditorFile[], main?: string) {
    if (!files.length) throw new Error('createCodeEditor: the editor has no files.');
    this.files = files;
    this.names = files.map((f) => f.name);
    this.main = main ?? files.find((f) => !f.readOnly)?.name ?? this.names[0]!;
    this.editable = files.filter((f) => !f.readOnly).map((f) => f.name);
    this.starters = new Map(files.map((f) => [f.name, f.value]));
    this.values = new Map(this.starters);
    this.active = this.main;
  }

  has(file: string): boolean {
    return this.starters.has(file);
  }

  starter(file: string): string {
    return this.starters.get(file) ?? '';
  }

  value(file: string = this.main): string {
    return this.values.get(file) ?? '';
  }

  setValue(file: string, value: string): void {
    this.values.set(file, value);
  }

  /** The files with their current text (what an editing surface starts from). */
  current(): EditorFile[] {
    return this.files.map((f) => ({ ...f, value: this.value(f.name) }));
  }

  /** The editable files whose text (as `read` gives it) differs from their starter. */
  changedFromStarter(read: (file: string) => string = (file) => this.value(file)): string[] {
    return this.editable.filter((file) => read(file) !== this.starter(file));
  }

  /** A cursor move in the file on show; only the main file's cursor is kept (drafts keep it). */
  moveCursor(at: Cursor): boolean {
    if (this.active !== this.main) return false;
    this.cursor = at;
    return true;
  }
}
