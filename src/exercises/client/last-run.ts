/**
 * The last Run of each exercise, kept in localStorage (through `progress/storage.ts`, like drafts
 * and progress) so that after a reload the learner finds their results, output and trace where
 * they left them. It is a convenience: it is capped in size, read defensively, and shown only while
 * the progress store still records that run's outcome (a progress reset or import makes it stale).
 */
import type { CheckResults, CheckStatus } from '../../checks/index.ts';
import { browserStorage, CourseStorage, KEY_PREFIX, memoryStorage, storageKey, type KeyValueStorage, type StorageKey, type WriteResult } from '../../progress/storage.ts';
import type { ConsoleLine, RunError } from '../../../sandboxes/wire/protocol.ts';
import type { RunResult } from '../../runtime/runtime.ts';
import type { SpanRecord } from '../../../sandboxes/wire/span-record.ts';
import { spanRecordProblem } from '../../trace/span-record-shape.ts';

const LAST_RUN_NAME_PREFIX = 'last-run:';
/** Where last Runs live: `course:v1:last-run:<exercise id>`. */
export const LAST_RUN_PREFIX = KEY_PREFIX + LAST_RUN_NAME_PREFIX;

/** What is kept of a Run: enough to show checks, output and trace again. */
export type LastRun = Pick<RunResult, 'spans' | 'unfinished' | 'console' | 'errors'> & {
  results: CheckResults;
  savedAt: number;
  /** Spans left out to keep the record small (the trace then says it is partial). */
  droppedSpans?: number;
};

/** Limits that keep one exercise's record well under a browser's storage quota. */
export const LAST_RUN_LIMITS = { spans: 300, lines: 200, text: 500, chars: 300_000 } as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const STATUSES: readonly unknown[] = ['pass', 'fail', 'error'];
const LEVELS: readonly unknown[] = ['log', 'info', 'warn', 'error', 'debug'];
const ERROR_KINDS: readonly unknown[] = ['compile', 'runtime', 'limit', 'sandbox'];

function isResults(v: unknown): v is CheckResults {
  return (
    isRecord(v) &&
    v.version === 2 &&
    STATUSES.includes(v.status) &&
    (v.message === undefined || isString(v.message)) &&
    Array.isArray(v.tests) &&
    v.tests.every((t) => isRecord(t) && isString(t.name) && STATUSES.includes(t.status) && (t.message === undefined || isString(t.message)))
  );
}

const isConsoleLine = (v: unknown): v is ConsoleLine => isRecord(v) && LEVELS.includes(v.level) && isString(v.text) && typeof v.at === 'number';

const isRunError = (v: unknown): v is RunError =>
  isRecord(v) &&
  ERROR_KINDS.includes(v.kind) &&
  isString(v.name) &&
  isString(v.message) &&
  (v.at === undefined || (isRecord(v.at) && isString(v.at.file) && typeof v.at.line === 'number' && typeof v.at.column === 'number'));

const isSpanRecord = (v: unknown): v is SpanRecord => spanRecordProblem(v) === undefined;

const arrayOf = <T>(v: unknown, is: (item: unknown) => item is T): T[] | undefined => (Array.isArray(v) && v.every(is) ? v : undefined);

function parseLastRun(v: unknown): LastRun | undefined {
  if (!isRecord(v) || !isResults(v.results) || typeof v.savedAt !== 'number') return undefined;
  const spans = arrayOf(v.spans, isSpanRecord);
  const unfinished = arrayOf(v.unfinished, isSpanRecord);
  const console = arrayOf(v.console, isConsoleLine);
  const errors = arrayOf(v.errors, isRunError);
  if (!spans || !unfinished || !console || !errors) return undefined;
  const dropped = typeof v.droppedSpans === 'number' && v.droppedSpans > 0 ? { droppedSpans: v.droppedSpans } : {};
  return { results: v.results, spans, unfinished, console, errors, savedAt: v.savedAt, ...dropped };
}

const clip = (text: string) => (text.length > LAST_RUN_LIMITS.text ? `${text.slice(0, LAST_RUN_LIMITS.text)}…` : text);

/** The record to keep for a Run: spans beyond the cap are left out, long output is cut. */
export function lastRunRecord(results: CheckResults, run: Pick<RunResult, 'spans' | 'unfinished' | 'console' | 'errors'>, savedAt: number): LastRun {
  const unfinished = run.unfinished.slice(0, LAST_RUN_LIMITS.spans);
  const spans = run.spans.slice(0, LAST_RUN_LIMITS.spans - unfinished.length);
  const droppedSpans = run.spans.length + run.unfinished.length - spans.length - unfinished.length;
  return {
    results,
    spans,
    unfinished,
    console: run.console.slice(0, LAST_RUN_LIMITS.lines).map((line) => ({ ...line, text: clip(line.text) })),
    errors: run.errors.slice(0, LAST_RUN_LIMITS.lines).map((error) => ({ ...error, message: clip(error.message), stack: undefined })),
    savedAt,
    ...(droppedSpans > 0 ? { droppedSpans } : {}),
  };
}

/** Where an exercise's last Run lives: `course:v1:last-run:<id>`. */
const lastRunKey = (id: string): StorageKey<LastRun> => storageKey(`${LAST_RUN_NAME_PREFIX}${id}`, parseLastRun);

export class LastRunStore {
  private readonly storage: CourseStorage;

  constructor(storage: KeyValueStorage) {
    this.storage = new CourseStorage(storage);
  }

  save(id: string, results: CheckResults, run: Pick<RunResult, 'spans' | 'unfinished' | 'console' | 'errors'>): WriteResult {
    let record = lastRunRecord(results, run, Date.now());
    // Still too big (huge attributes): keep the results and output, not the trace.
    if (JSON.stringify(record).length > LAST_RUN_LIMITS.chars) {
      record = { ...record, spans: [], unfinished: [], droppedSpans: run.spans.length + run.unfinished.length };
    }
    return this.storage.set(lastRunKey(id), record, 'last run');
  }

  /**
   * The last Run of an exercise, if it is still the one the progress store knows about: `status`
   * is the outcome the store records (undefined after a reset), and a record that disagrees (or
   * cannot be read) is forgotten.
   */
  load(id: string, status: CheckStatus | undefined): LastRun | undefined {
    const key = lastRunKey(id);
    const record = this.storage.get(key);
    if (record && record.results.status === status) return record;
    // Unremovable too: it is simply not shown.
    this.storage.remove(key, 'last run');
    return undefined;
  }
}

let pageStore: LastRunStore | undefined;

/** One store per page, on localStorage (or memory, where the browser has none to give). */
export function lastRuns(): LastRunStore {
  pageStore ??= new LastRunStore(browserStorage().storage ?? memoryStorage());
  return pageStore;
}
