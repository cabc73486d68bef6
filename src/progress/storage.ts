/**
 * The course's one door to browser storage: every key it keeps (all under `course:v1:`), typed
 * reads that treat unreadable data as absent, and writes that report failure (quota full,
 * storage disabled) in words a learner can act on, instead of swallowing it.
 *
 * A new kind of saved data is a `StorageKey` (a name and a parser) read and written through
 * `CourseStorage`:
 *
 * ```ts
 * const lastRun = (id: string) => storageKey(`last-run:${id}`, parseLastRun);
 * const saved = courseStorage.get(lastRun(id));          // LastRun | undefined
 * const result = courseStorage.set(lastRun(id), value);  // { ok: true } or { ok: false, error }
 * courseStorage.remove(lastRun(id));
 * ```
 */

/** Every key of this course starts with this; progress reset removes only these. */
export const KEY_PREFIX = 'course:v1:';

/** The parts of `Storage` the course uses, so tests and private mode can supply their own. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export type WriteResult = { ok: true } | { ok: false; error: string };

/** One kind of saved value: where it lives and how stored JSON becomes a `T` (undefined: not a `T`). */
export interface StorageKey<T> {
  /** The full storage key, `course:v1:<name>`. */
  readonly key: string;
  parse(value: unknown): T | undefined;
}

export function storageKey<T>(name: string, parse: (value: unknown) => T | undefined): StorageKey<T> {
  return { key: KEY_PREFIX + name, parse };
}

/** What a failed write was saving, for the advice in its message. */
export type SavedThing = 'progress' | 'draft' | 'last run' | 'data';

const ADVICE: Record<SavedThing, string> = {
  progress: 'Export your progress to keep it',
  draft: 'Copy your code somewhere safe',
  // Only a convenience (results shown again after a reload): it is not lost until the page is.
  'last run': 'Read it before you reload',
  data: 'Export your progress to keep it',
};

/** Why a write failed, for the learner: a full quota gets its own words. */
export function describeStorageError(error: unknown, what: SavedThing = 'data'): string {
  const name = (error as { name?: string } | null)?.name;
  const subject = what === 'data' ? 'this' : `your ${what}`;
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') {
    return `Browser storage is full, so ${subject} was not saved. ${ADVICE[what]}, then free some space for this site.`;
  }
  return `${what === 'data' ? 'This' : `Your ${what}`} could not be saved (${(error as Error | null)?.message ?? String(error)}). ${ADVICE[what]}.`;
}

/** Opens localStorage, or reports why it cannot be used (private mode, disabled cookies). */
export function browserStorage(): { storage: KeyValueStorage | undefined; error?: string } {
  try {
    const storage = window.localStorage;
    const probe = `${KEY_PREFIX}probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return { storage };
  } catch (error) {
    return { storage: undefined, error: `Browser storage is not available (${(error as Error).message}): progress and drafts last only until you close this page.` };
  }
}

/**
 * localStorage looked up on every call rather than once, so that a page where touching it throws
 * (storage disabled) still loads, and each read or write reports its own error to its caller.
 */
export const pageStorage: KeyValueStorage = {
  getItem: (key) => globalThis.localStorage.getItem(key),
  setItem: (key, value) => globalThis.localStorage.setItem(key, value),
  removeItem: (key) => globalThis.localStorage.removeItem(key),
  key: (index) => globalThis.localStorage.key(index),
  get length() {
    return globalThis.localStorage.length;
  },
};

/** A Storage held in memory, for when the browser's is unavailable, and for tests. */
export function memoryStorage(): KeyValueStorage {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, String(v)),
    removeItem: (k) => void data.delete(k),
    key: (i) => [...data.keys()][i] ?? null,
    get length() {
      return data.size;
    },
  };
}

/** Typed reads and reported writes over a `KeyValueStorage`. */
export class CourseStorage {
  readonly storage: KeyValueStorage;

  constructor(storage: KeyValueStorage) {
    this.storage = storage;
  }

  /** The stored value; missing, unreadable or malformed data is undefined. */
  get<T>(key: StorageKey<T>): T | undefined {
    try {
      const raw = this.storage.getItem(key.key);
      return raw === null ? undefined : key.parse(JSON.parse(raw));
    } catch {
      return undefined;
    }
  }

  set<T>(key: StorageKey<T>, value: T, what: SavedThing = 'data'): WriteResult {
    try {
      this.storage.setItem(key.key, JSON.stringify(value));
      return { ok: true };
    } catch (error) {
      return { ok: false, error: describeStorageError(error, what) };
    }
  }

  remove(key: StorageKey<unknown>, what: SavedThing = 'data'): WriteResult {
    try {
      this.storage.removeItem(key.key);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: describeStorageError(error, what) };
    }
  }

  /** The names (after `course:v1:` and `prefix`) of the stored keys that start with `prefix`, sorted. */
  names(prefix: string): string[] {
    const full = KEY_PREFIX + prefix;
    const names: string[] = [];
    try {
      for (let i = 0; i < this.storage.length; i++) {
        const key = this.storage.key(i);
        if (key?.startsWith(full)) names.push(key.slice(full.length));
      }
    } catch {
      // Storage that cannot be listed holds nothing we can find.
    }
    return names.sort();
  }
}
