/**
 * A learner's progress, in localStorage under versioned keys: one small record per exercise
 * (passed or not) and one draft per exercise (written as the learner types, so kept apart
 * from the rest). Every write reports failure (quota full, storage disabled) instead of
 * swallowing it: the page shows the message and the learner can export what they have.
 * Validation is hand-written: this module loads on every lesson page, and must stay small.
 */
export const PROGRESS_KEY = 'course:v1:progress';
export const DRAFT_PREFIX = 'course:v1:draft:';

export interface ExerciseProgress {
  status?: 'pass' | 'fail' | 'error';
  /** True once any run passed every check; stays true. */
  passed: boolean;
  passedAt?: number;
  hintsShown: number;
  updatedAt: number;
}

export interface Progress {
  version: 1;
  exercises: Record<string, ExerciseProgress>;
  /** The last lesson opened, for "continue where you left off". */
  lastLesson?: string;
}

export interface Draft {
  code: string;
  cursor?: { line: number; column: number };
  savedAt: number;
}

/** The file a learner exports and imports. */
export interface ProgressExport {
  format: 'otel-course-progress';
  version: 1;
  exportedAt: string;
  progress: Progress;
  drafts: Record<string, Draft>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function exerciseProgress(v: unknown): ExerciseProgress | string {
  if (!isRecord(v)) return 'must be an object';
  if (v.status !== undefined && v.status !== 'pass' && v.status !== 'fail' && v.status !== 'error') return 'status: must be pass, fail or error';
  if (v.passed !== undefined && typeof v.passed !== 'boolean') return 'passed: must be true or false';
  if (v.hintsShown !== undefined && !isCount(v.hintsShown)) return 'hintsShown: must be a whole number';
  return {
    ...(v.status ? { status: v.status } : {}),
    passed: v.passed === true,
    ...(typeof v.passedAt === 'number' ? { passedAt: v.passedAt } : {}),
    hintsShown: isCount(v.hintsShown) ? v.hintsShown : 0,
    updatedAt: typeof v.updatedAt === 'number' ? v.updatedAt : 0,
  };
}

function parseProgress(v: unknown, path = 'progress'): Progress | string {
  if (!isRecord(v) || v.version !== 1) return `${path}.version: must be 1`;
  if (!isRecord(v.exercises)) return `${path}.exercises: must be an object`;
  const exercises: Record<string, ExerciseProgress> = {};
  for (const [id, entry] of Object.entries(v.exercises)) {
    const parsed = exerciseProgress(entry);
    if (typeof parsed === 'string') return `${path}.exercises.${id}.${parsed}`;
    exercises[id] = parsed;
  }
  return { version: 1, exercises, ...(typeof v.lastLesson === 'string' ? { lastLesson: v.lastLesson } : {}) };
}

function parseDraft(v: unknown): Draft | string {
  if (!isRecord(v) || typeof v.code !== 'string') return 'code: must be text';
  if (typeof v.savedAt !== 'number') return 'savedAt: must be a number';
  const c = v.cursor;
  const cursor = isRecord(c) && isCount(c.line) && isCount(c.column) && c.line > 0 && c.column > 0 ? { line: c.line, column: c.column } : undefined;
  return { code: v.code, savedAt: v.savedAt, ...(cursor ? { cursor } : {}) };
}

function parseExport(v: unknown): ProgressExport | string {
  if (!isRecord(v)) return 'the file: must be a JSON object';
  if (v.format !== 'otel-course-progress') return 'format: must be "otel-course-progress"';
  if (v.version !== 1) return 'version: must be 1';
  const progress = parseProgress(v.progress);
  if (typeof progress === 'string') return progress;
  const drafts: Record<string, Draft> = {};
  if (v.drafts !== undefined) {
    if (!isRecord(v.drafts)) return 'drafts: must be an object';
    for (const [id, entry] of Object.entries(v.drafts)) {
      const draft = parseDraft(entry);
      if (typeof draft === 'string') return `drafts.${id}.${draft}`;
      drafts[id] = draft;
    }
  }
  return { format: 'otel-course-progress', version: 1, exportedAt: String(v.exportedAt ?? ''), progress, drafts };
}

const noProgress = (): ExerciseProgress => ({ passed: false, hintsShown: 0, updatedAt: 0 });

export type WriteResult = { ok: true } | { ok: false; error: string };

/** The parts of `Storage` the store uses, so tests and private mode can supply their own. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

function describeStorageError(error: unknown): string {
  const name = (error as { name?: string })?.name;
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') {
    return 'Browser storage is full, so your progress was not saved. Export your progress to keep it, then free some space for this site.';
  }
  return `Your progress could not be saved (${(error as Error)?.message ?? String(error)}). Export it to keep it.`;
}

function emptyProgress(): Progress {
  return { version: 1, exercises: {} };
}

/** Opens localStorage, or reports why it cannot be used (private mode, disabled cookies). */
export function browserStorage(): { storage: KeyValueStorage | undefined; error?: string } {
  try {
    const storage = window.localStorage;
    const probe = `${PROGRESS_KEY}:probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return { storage };
  } catch (error) {
    return { storage: undefined, error: `Browser storage is not available (${(error as Error).message}): progress and drafts last only until you close this page.` };
  }
}

/** A Storage held in memory, for when the browser's is unavailable. */
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

export class ProgressStore {
  private readonly storage: KeyValueStorage;

  constructor(storage: KeyValueStorage) {
    this.storage = storage;
  }

  /** Progress as stored; unreadable data (an older format, a hand edit) reads as empty. */
  read(): Progress {
    try {
      const raw = this.storage.getItem(PROGRESS_KEY);
      if (!raw) return emptyProgress();
      const parsed = parseProgress(JSON.parse(raw));
      return typeof parsed === 'string' ? emptyProgress() : parsed;
    } catch {
      return emptyProgress();
    }
  }

  exercise(id: string): ExerciseProgress {
    return this.read().exercises[id] ?? noProgress();
  }

  private write(progress: Progress): WriteResult {
    try {
      this.storage.setItem(PROGRESS_KEY, JSON.stringify(progress));
      return { ok: true };
    } catch (error) {
      return { ok: false, error: describeStorageError(error) };
    }
  }

  private update(id: string, change: (p: ExerciseProgress) => ExerciseProgress): WriteResult {
    const progress = this.read();
    progress.exercises[id] = { ...change(progress.exercises[id] ?? noProgress()), updatedAt: Date.now() };
    return this.write(progress);
  }

  /** Records the result of a graded run. */
  recordResult(id: string, status: 'pass' | 'fail' | 'error'): WriteResult {
    return this.update(id, (p) => ({
      ...p,
      status,
      passed: p.passed || status === 'pass',
      ...(status === 'pass' && !p.passed ? { passedAt: Date.now() } : {}),
    }));
  }

  recordHints(id: string, shown: number): WriteResult {
    return this.update(id, (p) => ({ ...p, hintsShown: Math.max(p.hintsShown, shown) }));
  }

  visitLesson(slug: string): WriteResult {
    return this.write({ ...this.read(), lastLesson: slug });
  }

  draft(id: string): Draft | undefined {
    try {
      const raw = this.storage.getItem(DRAFT_PREFIX + id);
      if (!raw) return undefined;
      const parsed = parseDraft(JSON.parse(raw));
      return typeof parsed === 'string' ? undefined : parsed;
    } catch {
      return undefined;
    }
  }

  saveDraft(id: string, draft: Draft): WriteResult {
    try {
      this.storage.setItem(DRAFT_PREFIX + id, JSON.stringify(draft));
      return { ok: true };
    } catch (error) {
      return { ok: false, error: describeStorageError(error) };
    }
  }

  clearDraft(id: string): WriteResult {
    try {
      this.storage.removeItem(DRAFT_PREFIX + id);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: describeStorageError(error) };
    }
  }

  private draftIds(): string[] {
    const ids: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (key?.startsWith(DRAFT_PREFIX)) ids.push(key.slice(DRAFT_PREFIX.length));
    }
    return ids.sort();
  }

  /** Everything, as the JSON text of a file the learner can keep. */
  export(): string {
    const drafts: Record<string, Draft> = {};
    for (const id of this.draftIds()) {
      const draft = this.draft(id);
      if (draft) drafts[id] = draft;
    }
    const file: ProgressExport = { format: 'otel-course-progress', version: 1, exportedAt: new Date().toISOString(), progress: this.read(), drafts };
    return `${JSON.stringify(file, null, 2)}\n`;
  }

  /** Replaces progress and drafts with an exported file; a bad file changes nothing and says why. */
  import(text: string): WriteResult {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { ok: false, error: `This is not a progress file: it is not valid JSON (${(error as Error).message}).` };
    }
    const parsed = parseExport(data);
    if (typeof parsed === 'string') return { ok: false, error: `This is not a progress file of this course: ${parsed}.` };
    const reset = this.reset();
    if (!reset.ok) return reset;
    const written = this.write(parsed.progress);
    if (!written.ok) return written;
    for (const [id, draft] of Object.entries(parsed.drafts)) {
      const saved = this.saveDraft(id, draft);
      if (!saved.ok) return saved;
    }
    return { ok: true };
  }

  /** Forgets all progress and drafts of this course. */
  reset(): WriteResult {
    try {
      for (const id of this.draftIds()) this.storage.removeItem(DRAFT_PREFIX + id);
      this.storage.removeItem(PROGRESS_KEY);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: describeStorageError(error) };
    }
  }
}
