import { z } from 'astro/zod';

/**
 * A learner's progress, in localStorage under versioned keys: one small record per exercise
 * (passed or not) and one draft per exercise (written as the learner types, so kept apart
 * from the rest). Every write reports failure (quota full, storage disabled) instead of
 * swallowing it: the page shows the message and the learner can export what they have.
 */
export const PROGRESS_KEY = 'course:v1:progress';
export const DRAFT_PREFIX = 'course:v1:draft:';

const cursorSchema = z.object({ line: z.number().int().min(1), column: z.number().int().min(1) });

const exerciseProgressSchema = z.object({
  status: z.enum(['pass', 'fail', 'error']).optional(),
  /** True once any run passed every check; stays true. */
  passed: z.boolean().default(false),
  passedAt: z.number().optional(),
  hintsShown: z.number().int().min(0).default(0),
  updatedAt: z.number().default(0),
});
export type ExerciseProgress = z.infer<typeof exerciseProgressSchema>;

const progressSchema = z.object({
  version: z.literal(1),
  exercises: z.record(z.string(), exerciseProgressSchema).default({}),
  /** The last lesson opened, for "continue where you left off". */
  lastLesson: z.string().optional(),
});
export type Progress = z.infer<typeof progressSchema>;

const draftSchema = z.object({ code: z.string(), cursor: cursorSchema.optional(), savedAt: z.number() });
export type Draft = z.infer<typeof draftSchema>;

/** The file a learner exports and imports. */
const exportSchema = z.object({
  format: z.literal('otel-course-progress'),
  version: z.literal(1),
  exportedAt: z.string(),
  progress: progressSchema,
  drafts: z.record(z.string(), draftSchema).default({}),
});
export type ProgressExport = z.infer<typeof exportSchema>;

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
      const parsed = progressSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : emptyProgress();
    } catch {
      return emptyProgress();
    }
  }

  exercise(id: string): ExerciseProgress {
    return this.read().exercises[id] ?? exerciseProgressSchema.parse({});
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
    progress.exercises[id] = { ...change(progress.exercises[id] ?? exerciseProgressSchema.parse({})), updatedAt: Date.now() };
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
      const parsed = draftSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
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
    const parsed = exportSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, error: `This is not a progress file of this course: ${issue.path.join('.') || 'the file'}: ${issue.message}.` };
    }
    const reset = this.reset();
    if (!reset.ok) return reset;
    const written = this.write(parsed.data.progress);
    if (!written.ok) return written;
    for (const [id, draft] of Object.entries(parsed.data.drafts)) {
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
