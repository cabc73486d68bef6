/**
 * The trace model the viewer draws: span records grouped into traces, each trace a tree in
 * depth-first order with times as millisecond offsets from the trace's start.
 *
 * Built by `model-builder.ts` (trees linked by `trace-linking.ts`) in one pass over the records plus a sort of each span's children by start time
 * (n log n in the worst case, linear when siblings arrive in order). Nothing here is quadratic:
 * parents are found through a Map, subtrees are contiguous ranges of `items`, so "skip a
 * collapsed subtree" is one addition.
 *
 * Imperfect input is kept and flagged rather than dropped or fixed:
 * - a span whose parent is not in the data (or whose parents form a cycle) is an orphan, listed
 *   under the trace's "missing parent" group;
 * - a span id seen twice in one trace: both are kept, flagged `duplicateId`; children attach to the first;
 * - a child that starts before or ends after its parent (clock skew between hosts) keeps its own
 *   times and is flagged;
 * - an unfinished span (no end time) is drawn up to the end of the trace and flagged.
 */
import type { SpanRecord, StatusCodeName } from '../../sandboxes/wire/span-record.ts';

/** A span as a row of the tree. Times are ms from the start of its trace (floats, ns precision kept up to ~100 days). */
export interface SpanNode {
  readonly kind: 'span';
  /** Position in `TraceView.items` (depth-first order). */
  index: number;
  readonly record: SpanRecord;
  /** Unique within the trace: the span id, or `spanId~2`, `~3`... for later spans that reuse an id. */
  readonly key: string;
  /** The tree parent; undefined for roots and orphans. */
  parent: SpanNode | undefined;
  children: SpanNode[];
  depth: number;
  /** Items below this one: its subtree is `items[index + 1 ..= index + descendantCount]`. */
  descendantCount: number;
  /** 1-based position among its siblings, and their number (aria-posinset / aria-setsize). */
  position: number;
  siblingCount: number;
  startMs: number;
  /** The end as drawn: an unfinished span is drawn up to the end of the trace. */
  endMs: number;
  /** undefined while unfinished. */
  readonly durationMs: number | undefined;
  readonly service: string;
  /** Index into `TraceModel.services`, stable across the traces of one model (same colour everywhere). */
  readonly serviceIndex: number;
  readonly status: StatusCodeName;
  readonly isError: boolean;
  readonly unfinished: boolean;
  /** Names a parent that is not in the data, or sits on a parent cycle. */
  orphan: boolean;
  duplicateId: boolean;
  startsBeforeParent: boolean;
  endsAfterParent: boolean;
}

/** The synthetic row that holds a trace's orphans. */
export interface MissingParentGroup {
  readonly kind: 'missing-parent';
  index: number;
  readonly key: string;
  readonly parent: undefined;
  children: SpanNode[];
  readonly depth: 0;
  descendantCount: number;
  position: number;
  siblingCount: number;
  /** The absent parent ids the orphans name, in first-seen order. */
  missingParentIds: string[];
}

export type TreeItem = SpanNode | MissingParentGroup;

export interface TraceView {
  traceId: string;
  /** Every row in depth-first order: roots with their subtrees, then the missing-parent group with its subtrees. */
  items: TreeItem[];
  /** Top-level items: roots by start time, then the missing-parent group if any. */
  topLevel: TreeItem[];
  /** Spans whose parent id is empty. */
  roots: SpanNode[];
  missingParent: MissingParentGroup | undefined;
  spanCount: number;
  /** Absolute start of the trace: seconds and nanoseconds, as in the records. */
  startUnixNano: string;
  /** Length of the time axis (ms), from the earliest start to the latest end (or start). */
  durationMs: number;
  /** The span to name the trace by: the earliest root, else the earliest orphan. */
  title: string;
  /** Indices into `TraceModel.services` used by this trace, by first appearance. */
  services: number[];
  errorCount: number;
  orphanCount: number;
  /** Spans whose id another span of the trace also uses. */
  duplicateCount: number;
  /** Spans flagged for starting before or ending after their parent. */
  skewCount: number;
  unfinishedCount: number;
  zeroDurationCount: number;
}

export interface TraceModel {
  /** Earliest first. */
  traces: TraceView[];
  /** Service names; `SpanNode.serviceIndex` indexes this. */
  services: string[];
  spanCount: number;
}

export const UNKNOWN_SERVICE = 'unknown service';

/**
 * A child must start before or end after its parent by more than this (ms) to be flagged for
 * clock skew. OpenTelemetry JS takes a span's start from `Date.now()` (whole milliseconds) and
 * its duration from `performance.now()`, so in one process a child can seem to start before or
 * end after its parent by up to 1 ms without any clock being wrong.
 */
export const SKEW_TOLERANCE_MS = 1;

/**
 * Work split into steps: a generator that yields every few thousand spans. Run it to the end at
 * once (`runSteps`), or spread over several tasks (`runStepsInTasks`) so that a 100,000-span
 * trace never blocks the page for long.
 */
export type Steps<T> = Generator<void, T, void>;

/** Spans handled between two yields of a `Steps` generator. */
export const SPANS_PER_STEP = 2_000;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs `steps`, letting other tasks (input, painting) in whenever one task has taken `budgetMs`. */
export async function runStepsInTasks<T>(steps: Steps<T>, nextTask: () => Promise<void>, budgetMs = 40): Promise<T> {
  let started = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - started >= budgetMs) {
      await nextTask();
      started = performance.now();
    }
  }
}

const keyIndexes = new WeakMap<TraceView, Map<string, SpanNode>>();

/** The span with this key (`spanId`, or `spanId~2` for a reused id); the index is built on first use. */
export function findSpanByKey(trace: TraceView, key: string): SpanNode | undefined {
  let index = keyIndexes.get(trace);
  if (index === undefined) {
    index = new Map();
    for (const item of trace.items) if (item.kind === 'span') index.set(item.key, item);
    keyIndexes.set(trace, index);
  }
  return index.get(key.toLowerCase());
}


/** The item and every ancestor up to its top-level item, nearest first. */
export function ancestorsOf(trace: TraceView, item: TreeItem): TreeItem[] {
  const out: TreeItem[] = [];
  let at: TreeItem | undefined = item;
  while (at !== undefined) {
    out.push(at);
    at = at.kind === 'span' ? (at.parent ?? (at.orphan ? trace.missingParent : undefined)) : undefined;
  }
  return out;
}

/** The parent row of an item: its span parent, or the missing-parent group for an orphan head. */
export function parentItem(trace: TraceView, item: TreeItem): TreeItem | undefined {
  if (item.kind !== 'span') return undefined;
  return item.parent ?? (item.orphan ? trace.missingParent : undefined);
}

export function hasChildren(item: TreeItem): boolean {
  return item.descendantCount > 0;
}
