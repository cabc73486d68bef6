/**
 * A learner's progress: one small record per exercise (passed or not, hints shown), the last
 * lesson, and one draft per exercise (written as the learner types, so kept apart from the rest),
 * with export to a file, import and reset. Storage itself (keys, quota errors) is `storage.ts`.
 * Validation is hand-written: this module loads on every lesson page, and must stay small.
 */
import { checkDraft, DRAFT_NAME_PREFIX, draftKey, type Draft } from './draft.ts';
import { CourseStorage, KEY_PREFIX, storageKey, type KeyValueStorage, type WriteResult } from './storage.ts';

export { browserStorage, memoryStorage, type KeyValueStorage, type WriteResult } from './storage.ts';
export type { Draft } from './draft.ts';

export const PROGRESS_KEY = `${KEY_PREFIX}progress`;
/** Where drafts live: `course:v1:draft:<exercise id>`. */
export const DRAFT_PREFIX = KEY_PREFIX + DRAFT_NAME_PREFIX;

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

function checkProgress(v: unknown, path = 'progress'): Progress | string {
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

const progressKey = storageKey('progress', (v) => {
  const parsed = checkProgress(v);
  return typeof parsed === 'string' ? undefined : parsed;
});

function parseExport(v: unknown): ProgressExport | string {
  if (!isRecord(v)) return 'the file: must be a JSON object';
  if (v.format !== 'otel-course-progress') return 'format: must be "otel-course-progress"';
  if (v.version !== 1) return 'version: must be 1';
  const progress = checkProgress(v.progress);
  if (typeof progress === 'string') return progress;
  const drafts: Record<string, Draft> = {};
  if (v.drafts !== undefined) {
    if (!isRecord(v.drafts)) return 'drafts: must be an object';
    for (const [id, entry] of Object.entries(v.drafts)) {
      const draft = checkDraft(entry);
      if (typeof draft === 'string') return `drafts.${id}.${draft}`;
      drafts[id] = draft;
    }
  }
  return { format: 'otel-course-progress', version: 1, exportedAt: String(v.exportedAt ?? ''), progress, drafts };
}

const noProgress = (): ExerciseProgress => ({ passed: false, hintsShown: 0, updatedAt: 0 });

function emptyProgress(): Progress {
  return { version: 1, exercises: {} };
}

export class ProgressStore {
  private readonly storage: CourseStorage;

  constructor(storage: KeyValueStorage | CourseStorage) {
    this.storage = storage instanceof CourseStorage ? storage : new CourseStorage(storage);
  }

  /** Progress as stored; unreadable data (an older format, a hand edit) reads as empty. */
  read(): Progress {
    return this.storage.get(progressKey) ?? emptyProgress();
  }

  exercise(id: string): ExerciseProgress {
    return this.read().exercises[id] ?? noProgress();
  }

  private write(progress: Progress): WriteResult {
    return this.storage.set(progressKey, progress, 'progress');
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
    return this.storage.get(draftKey(id));
  }

  saveDraft(id: string, draft: Draft): WriteResult {
    return this.storage.set(draftKey(id), draft, 'draft');
  }

  clearDraft(id: string): WriteResult {
    return this.storage.remove(draftKey(id), 'draft');
  }

  private draftIds(): string[] {
    return this.storage.names(DRAFT_NAME_PREFIX);
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
    for (const id of this.draftIds()) {
      const removed = this.clearDraft(id);
      if (!removed.ok) return removed;
    }
    return this.storage.remove(progressKey, 'progress');
  }
}
