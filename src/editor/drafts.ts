import type { Cursor } from './types.ts';

/**
 * A learner's draft of one exercise: the text of its editable file and where the cursor was.
 * Same shape and key as the progress store's drafts (`course:v1:draft:<id>`), so progress
 * export, import and reset include them.
 */
export interface DraftRecord {
  code: string;
  cursor?: Cursor;
  /** `Date.now()` of the write. */
  savedAt: number;
}

export type WriteResult = { ok: true } | { ok: false; error: string };

/** Where drafts are kept. `key` is the localStorage key, so that other tabs' writes are recognised. */
export interface DraftStorage {
  readonly key: string;
  read(): DraftRecord | undefined;
  write(draft: DraftRecord): WriteResult;
}

export const DRAFT_KEY_PREFIX = 'course:v1:draft:';

/** Reads a stored draft; anything unreadable (another format, a hand edit) is no draft. */
export function parseDraft(raw: string | null): DraftRecord | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<DraftRecord> | null;
    if (typeof value?.code !== 'string' || typeof value.savedAt !== 'number') return undefined;
    const c = value.cursor;
    const cursor = c && Number.isInteger(c.line) && Number.isInteger(c.column) && c.line >= 1 && c.column >= 1 ? { line: c.line, column: c.column } : undefined;
    return { code: value.code, savedAt: value.savedAt, ...(cursor ? { cursor } : {}) };
  } catch {
    return undefined;
  }
}

function describeWriteError(error: unknown): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') {
    return 'Browser storage is full, so your draft was not saved. Copy your code somewhere safe, then free some space for this site.';
  }
  return `Your draft could not be saved (${(error as Error | null)?.message ?? String(error)}).`;
}

/** Drafts in `localStorage` (or any Storage) under `course:v1:draft:<id>`. */
export function localDraftStorage(id: string, storage: () => Pick<Storage, 'getItem' | 'setItem'> = () => localStorage): DraftStorage {
  const key = DRAFT_KEY_PREFIX + id;
  return {
    key,
    read() {
      try {
        return parseDraft(storage().getItem(key));
      } catch {
        return undefined;
      }
    },
    write(draft) {
      try {
        storage().setItem(key, JSON.stringify(draft));
        return { ok: true };
      } catch (error) {
        return { ok: false, error: describeWriteError(error) };
      }
    },
  };
}

const sameDraft = (a: DraftRecord | undefined, b: DraftRecord | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.code === b.code && a.savedAt === b.savedAt);
const sameCursor = (a: Cursor | undefined, b: Cursor | undefined) => a?.line === b?.line && a?.column === b?.column;

export interface AutosaveOptions {
  /** Quiet time after the last keystroke before a save (default 500 ms). */
  delayMs?: number;
  /** Another tab saved different code: the learner must choose (`keepMine` or `takeTheirs`). */
  onConflict(theirs: DraftRecord): void;
  /** A save failed (quota, storage disabled): say so, never swallow it. */
  onError?: ((message: string) => void) | undefined;
  /** A save succeeded (clears an earlier error). */
  onSaved?: ((draft: DraftRecord) => void) | undefined;
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
  private base: DraftRecord | undefined;
  private code: string | undefined;
  private cursor: Cursor | undefined;
  private timer: unknown;
  private theirs: DraftRecord | undefined;

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
  restore(): DraftRecord | undefined {
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
    const theirs = parseDraft(raw);
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
  takeTheirs(): DraftRecord | undefined {
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

  private conflict(theirs: DraftRecord): void {
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
    const draft: DraftRecord = { code: this.code, savedAt: (this.options.now ?? Date.now)(), ...(this.cursor ? { cursor: this.cursor } : {}) };
    const result = this.storage.write(draft);
    if (!result.ok) return this.options.onError?.(result.error);
    this.base = draft;
    this.options.onSaved?.(draft);
  }
}
