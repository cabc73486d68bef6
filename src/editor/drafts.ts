/**
 * Draft autosave for the editor: saves the learner's code and cursor a moment after they stop
 * typing, and never overwrites another tab's work. What a draft is and where it is kept is
 * `progress/draft.ts`.
 */
import { parseStoredDraft, type Draft, type DraftStorage } from '../progress/draft.ts';
import type { Cursor } from './types.ts';

const sameDraft = (a: Draft | undefined, b: Draft | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.code === b.code && a.savedAt === b.savedAt);
const sameCursor = (a: Cursor | undefined, b: Cursor | undefined) => a?.line === b?.line && a?.column === b?.column;

export interface AutosaveOptions {
  /** Quiet time after the last keystroke before a save (default 500 ms). */
  delayMs?: number;
  /** Another tab saved different code: the learner must choose (`keepMine` or `takeTheirs`). */
  onConflict(theirs: Draft): void;
  /** A save failed (quota, storage disabled): say so, never swallow it. */
  onError?: ((message: string) => void) | undefined;
  /** A save succeeded (clears an earlier error). */
  onSaved?: ((draft: Draft) => void) | undefined;
  now?: (() => number) | undefined;
  setTimer?: ((fn: () => void, ms: number) => unknown) | undefined;
  clearTimer?: ((timer: unknown) => void) | undefined;
}

/**
 * Saves a draft a moment after the learner stops typing, and never overwrites another tab's
 * work: a write from another tab (a `storage` event, or found in storage just before a save)
 * with different code stops saving here until the learner chooses whose code to keep.
 */
export class DraftAutosave {
  private readonly storage: DraftStorage;
  private readonly options: AutosaveOptions;
  private readonly delayMs: number;
  /** The stored draft as this tab last read or wrote it. */
  private base: Draft | undefined;
  private code: string | undefined;
  private cursor: Cursor | undefined;
  private timer: unknown;
  private theirs: Draft | undefined;

  constructor(storage: DraftStorage, options: AutosaveOptions) {
    this.storage = storage;
    this.options = options;
    this.delayMs = options.delayMs ?? 500;
  }

  get key(): string {
    return this.storage.key;
  }

  /** True while another tab's write waits for the learner's decision; nothing is saved meanwhile. */
  get inConflict(): boolean {
    return this.theirs !== undefined;
  }

  /** True when an edit or cursor move waits for its save. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  /** The stored draft, read once as the editor opens. */
  restore(): Draft | undefined {
    this.base = this.storage.read();
    this.code = this.base?.code;
    this.cursor = this.base?.cursor;
    return this.base;
  }

  /** The learner typed or moved the cursor. */
  update(code: string, cursor?: Cursor): void {
    if (code === this.code && sameCursor(cursor, this.cursor)) return;
    this.code = code;
    this.cursor = cursor;
    if (this.inConflict) return;
    this.cancel();
    this.timer = (this.options.setTimer ?? setTimeout)(() => {
      this.timer = undefined;
      this.save();
    }, this.delayMs);
  }

  /** Saves what waits now (the page is being hidden or closed). */
  flush(): void {
    if (this.timer === undefined) return;
    this.cancel();
    this.save();
  }

  /** A `storage` event for this key: another tab wrote (or removed) the draft. */
  receive(raw: string | null): void {
    const theirs = parseStoredDraft(raw);
    if (!theirs) {
      // Removed (progress reset) or unreadable: nothing of theirs to lose.
      this.base = undefined;
      return;
    }
    if (theirs.code === this.code) {
      this.base = theirs;
      return;
    }
    this.conflict(theirs);
  }

  /** The learner keeps this tab's code: it replaces the other tab's draft. */
  keepMine(): void {
    this.theirs = undefined;
    this.base = this.storage.read();
    this.save();
  }

  /** The learner takes the other tab's code; the caller puts it into the editor. */
  takeTheirs(): Draft | undefined {
    const theirs = this.theirs;
    this.theirs = undefined;
    if (theirs) {
      this.base = theirs;
      this.code = theirs.code;
      this.cursor = theirs.cursor;
    }
    return theirs;
  }

  dispose(): void {
    this.cancel();
  }

  private conflict(theirs: Draft): void {
    this.cancel();
    this.theirs = theirs;
    this.options.onConflict(theirs);
  }

  private cancel(): void {
    if (this.timer !== undefined) (this.options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>)))(this.timer);
    this.timer = undefined;
  }

  private save(): void {
    if (this.code === undefined || this.inConflict) return;
    // Compare and set: a write we were not told about (a missed or late event) is a conflict too.
    const stored = this.storage.read();
    if (!sameDraft(stored, this.base) && stored && stored.code !== this.code) return this.conflict(stored);
    const draft: Draft = { code: this.code, savedAt: (this.options.now ?? Date.now)(), ...(this.cursor ? { cursor: this.cursor } : {}) };
    const result = this.storage.write(draft);
    if (!result.ok) return this.options.onError?.(result.error);
    this.base = draft;
    this.options.onSaved?.(draft);
  }
}
