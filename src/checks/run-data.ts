import type { ConsoleLine, RunError } from '../../sandboxes/wire/protocol.ts';
import type { ExitReason } from '../runtime/runtime.ts';
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { code, sentence } from './format.ts';
import { fail } from './failure.ts';

/** Named data the harness captured besides spans (for example `requests`); checks narrow it before use. */
export type Extras = Readonly<Record<string, unknown>>;

/**
 * What checks grade: a `RunResult` of any runtime fits. Only `spans` is required so that tests
 * and tools can build a run by hand.
 */
export interface CheckRun {
  /** Ended spans, in the order they ended. */
  spans: readonly SpanRecord[];
  /** Spans started and never ended. */
  unfinished?: readonly SpanRecord[] | undefined;
  console?: readonly ConsoleLine[] | undefined;
  errors?: readonly RunError[] | undefined;
  /** Default: `error` when there are errors, else `ok`. */
  exit?: ExitReason | undefined;
  extras?: Extras | undefined;
}

/** A run with every default filled in: what a check reads as `run`. */
export interface RunData {
  readonly spans: readonly SpanRecord[];
  readonly unfinished: readonly SpanRecord[];
  readonly console: readonly ConsoleLine[];
  readonly errors: readonly RunError[];
  readonly exit: ExitReason;
  readonly extras: Extras;
}

export function normaliseRun(run: CheckRun): RunData {
  const errors = run.errors ?? [];
  return {
    spans: run.spans,
    unfinished: run.unfinished ?? [],
    console: run.console ?? [],
    errors,
    exit: run.exit ?? (errors.length ? 'error' : 'ok'),
    extras: run.extras ?? {},
  };
}

/** A nanosecond time string as a bigint, or undefined when it is not an integer. */
export function parseNanos(text: string | undefined): bigint | undefined {
  return text !== undefined && /^-?\d{1,30}$/.test(text) ? BigInt(text) : undefined;
}

export function startOf(span: SpanRecord): bigint {
  return parseNanos(span.startTimeUnixNano) ?? fail(`${sentence(`span ${code(span.name)}`)} has an invalid start time (${code(String(span.startTimeUnixNano))}).`);
}

/** The end time; callers only ask ended spans. */
export function endOf(span: SpanRecord): bigint {
  return parseNanos(span.endTimeUnixNano) ?? fail(`${sentence(`span ${code(span.name)}`)} has an invalid end time (${code(String(span.endTimeUnixNano))}).`);
}

const idKey = (traceId: string, spanId: string) => `${traceId}/${spanId}`;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sorts by start time, keeping the run's order for equal (or unreadable) times. */
export function byStart(spans: readonly SpanRecord[]): SpanRecord[] {
  return spans
    .map((span, index) => ({ span, index, start: parseNanos(span.startTimeUnixNano) ?? 0n }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.index - b.index))
    .map((entry) => entry.span);
}

/**
 * Lookups built once per run and shared by every check: spans by id (ended and unfinished, so a
 * child can name a parent that never ended), names, traces.
 */
export class RunIndex {
  readonly data: RunData;
  private readonly byId = new Map<string, SpanRecord>();
  private readonly children = new Map<string, SpanRecord[]>();
  private sortedNames: string[] | undefined;
  private traces: string[] | undefined;

  constructor(run: CheckRun) {
    this.data = normaliseRun(run);
    // Unfinished first, so that an ended record of the same id wins.
    for (const span of [...this.data.unfinished, ...this.data.spans]) this.byId.set(idKey(span.traceId, span.spanId), span);
    for (const span of this.data.spans) {
      if (!span.parentSpanId) continue;
      const key = idKey(span.traceId, span.parentSpanId);
      const siblings = this.children.get(key);
      if (siblings) siblings.push(span);
      else this.children.set(key, [span]);
    }
  }

  /** The recorded parent, or undefined for a root or a parent that was not recorded. */
  parentOf(span: SpanRecord): SpanRecord | undefined {
    return span.parentSpanId ? this.byId.get(idKey(span.traceId, span.parentSpanId)) : undefined;
  }

  /** Ended children, in the order they ended. */
  childrenOf(span: SpanRecord): readonly SpanRecord[] {
    return this.children.get(idKey(span.traceId, span.spanId)) ?? [];
  }

  lookup(traceId: string, spanId: string): SpanRecord | undefined {
    return this.byId.get(idKey(traceId, spanId));
  }

  /** Distinct names of every span, ended or not, in code-unit order. */
  names(): readonly string[] {
    this.sortedNames ??= [...new Set([...this.data.spans, ...this.data.unfinished].map((s) => s.name))].sort(byText);
    return this.sortedNames;
  }

  /** Trace ids of the ended spans, in order of each trace's first start. */
  traceIds(): readonly string[] {
    this.traces ??= [...new Set(byStart(this.data.spans).map((s) => s.traceId))];
    return this.traces;
  }
}
