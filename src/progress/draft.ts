/**
 * A learner's draft of one exercise (or the playground): the text of its editable file and where
 * the cursor was, kept under `course:v1:draft:<id>`. The editor saves it as the learner types
 * (`editor/drafts.ts`); progress export, import and reset include it.
 */
import { CourseStorage, describeStorageError, storageKey, type StorageKey, type WriteResult } from './storage.ts';

export interface Draft {
  code: string;
  /** 1-based line and column. */
  cursor?: { line: number; column: number };
  /** `Date.now()` of the write. */
  savedAt: number;
}

/** Drafts' keys are `course:v1:draft:<id>`, as they have always been: existing drafts read as they are. */
export const DRAFT_NAME_PREFIX = 'draft:';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPosition = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

/** Why a value is not a draft (for messages about an imported file), or the draft. */
export function checkDraft(v: unknown): Draft | string {
  if (!isRecord(v) || typeof v.code !== 'string') return 'code: must be text';
  if (typeof v.savedAt !== 'number') return 'savedAt: must be a number';
  const c = v.cursor;
  const cursor = isRecord(c) && isPosition(c.line) && isPosition(c.column) ? { line: c.line, column: c.column } : undefined;
  return { code: v.code, savedAt: v.savedAt, ...(cursor ? { cursor } : {}) };
}

export function parseDraft(v: unknown): Draft | undefined {
  const draft = checkDraft(v);
  return typeof draft === 'string' ? undefined : draft;
}

/** A draft as stored (JSON text, e.g. from a `storage` event); anything unreadable is no draft. */
export function parseStoredDraft(raw: string | null): Draft | undefined {
  if (!raw) return undefined;
  try {
    return parseDraft(JSON.parse(raw));
  } catch {
    return undefined;
  }
}

export function draftKey(id: string): StorageKey<Draft> {
  return storageKey(DRAFT_NAME_PREFIX + id, parseDraft);
}

/** Where the editor keeps one draft. `key` is the storage key, so that other tabs' writes are recognised. */
export interface DraftStorage {
  readonly key: string;
  read(): Draft | undefined;
  write(draft: Draft): WriteResult;
}

/** The draft of `id` in `storage` (localStorage by default). */
export function draftStorage(id: string, storage: CourseStorage | (() => CourseStorage) = defaultStorage): DraftStorage {
  const key = draftKey(id);
  // A getter, so that a page where touching localStorage throws still gets an editor.
  const open = () => (typeof storage === 'function' ? storage() : storage);
  return {
    key: key.key,
    read: () => {
      try {
        return open().get(key);
      } catch {
        return undefined;
      }
    },
    write: (draft) => {
      try {
        return open().set(key, draft, 'draft');
      } catch (error) {
        return { ok: false, error: describeStorageError(error, 'draft') };
      }
    },
  };
}

const defaultStorage = () => new CourseStorage(localStorage);
