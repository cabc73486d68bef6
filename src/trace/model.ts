/**
 * The trace model the viewer draws: span records grouped into traces, each trace a tree in
 * depth-first order with times as millisecond offsets from the trace's start.
 *
 * Built in one pass over the records plus a sort of each span's children by start time
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

const NANOS_DIGITS = 9;

/** Whole seconds of a decimal Unix-nanosecond string. */
function secondsOf(text: string): number {
  const cut = text.length - NANOS_DIGITS;
  const seconds = cut > 0 ? Number(text.slice(0, cut)) : 0;
  return Number.isFinite(seconds) ? seconds : 0;
}

/**
 * Milliseconds since `baseSeconds`: subtracting whole seconds first keeps the nanosecond
 * precision that a plain `Number(unixNanos)` (about 1.8e18, past 2^53) would lose.
 */
function offsetMs(text: string, baseSeconds: number): number {
  const cut = text.length - NANOS_DIGITS;
  const seconds = cut > 0 ? Number(text.slice(0, cut)) : 0;
  const nanos = Number(cut > 0 ? text.slice(cut) : text);
  const ms = (seconds - baseSeconds) * 1000 + nanos / 1e6;
  return Number.isFinite(ms) ? ms : 0;
}

/** What one trace collects while records are added. */
interface TraceAccumulator {
  traceId: string;
  nodes: SpanNode[];
  byId: Map<string, SpanNode>;
  /** Uses per span id, only for ids seen more than once. */
  reused: Map<string, number> | undefined;
  startAbs: number;
  endAbs: number;
  /** The span that starts first (its start names the trace's time zero). */
  startRecord: SpanRecord | undefined;
}

/** Shared by every leaf until it gets a child, which saves one array per leaf on big traces. */
const NO_CHILDREN = Object.freeze([]) as unknown as SpanNode[];

/**
 * Builds a model from records that arrive in batches (a big import streams them from a Worker):
 * `add` does the per-record work as batches come, `finish` links the trees. The records are kept
 * by reference and must not change afterwards.
 */
export class TraceModelBuilder {
  private readonly services: string[] = [];
  private readonly serviceIndex = new Map<string, number>();
  private readonly traces = new Map<string, TraceAccumulator>();
  private baseSeconds: number | undefined;
  private count = 0;

  add(records: readonly SpanRecord[]): void {
    for (const record of records) this.addOne(record);
  }

  private addOne(record: SpanRecord): void {
    const base = (this.baseSeconds ??= secondsOf(record.startTimeUnixNano));
    const serviceName = record.resource['service.name'];
    const service = typeof serviceName === 'string' && serviceName !== '' ? serviceName : UNKNOWN_SERVICE;
    let serviceIndex = this.serviceIndex.get(service);
    if (serviceIndex === undefined) {
      serviceIndex = this.services.length;
      this.serviceIndex.set(service, serviceIndex);
      this.services.push(service);
    }
    let trace = this.traces.get(record.traceId);
    if (trace === undefined) {
      trace = { traceId: record.traceId, nodes: [], byId: new Map(), reused: undefined, startAbs: Infinity, endAbs: -Infinity, startRecord: undefined };
      this.traces.set(record.traceId, trace);
    }
    const startAbs = offsetMs(record.startTimeUnixNano, base);
    const unfinished = record.endTimeUnixNano === undefined;
    const endAbs = unfinished ? startAbs : offsetMs(record.endTimeUnixNano!, base);
    if (startAbs < trace.startAbs) {
      trace.startAbs = startAbs;
      trace.startRecord = record;
    }
    if (endAbs > trace.endAbs) trace.endAbs = endAbs;

    // The first span with an id owns it (children attach to it); later ones get `id~2`, `id~3`.
    const first = trace.byId.get(record.spanId);
    let key = record.spanId;
    if (first !== undefined) {
      trace.reused ??= new Map();
      const uses = (trace.reused.get(key) ?? 1) + 1;
      trace.reused.set(key, uses);
      first.duplicateId = true;
      key = `${key}~${uses}`;
    }
    const node: SpanNode = {
      kind: 'span',
      index: -1,
      record,
      key,
      parent: undefined,
      children: NO_CHILDREN,
      depth: 0,
      descendantCount: 0,
      position: 1,
      siblingCount: 1,
      // Absolute (from baseSeconds) until `finish` knows where the trace starts.
      startMs: startAbs,
      endMs: endAbs,
      durationMs: unfinished ? undefined : endAbs - startAbs,
      service,
      serviceIndex,
      status: record.status.code,
      isError: record.status.code === 'ERROR',
      unfinished,
      orphan: false,
      duplicateId: first !== undefined,
      startsBeforeParent: false,
      endsAfterParent: false,
    };
    trace.nodes.push(node);
    if (first === undefined) trace.byId.set(record.spanId, node);
    this.count++;
  }

  finish(): TraceModel {
    return runSteps(this.finishSteps());
  }

  /** `finish` as steps, for `runStepsInTasks`. */
  *finishSteps(): Steps<TraceModel> {
    const built: Array<{ view: TraceView; startAbs: number }> = [];
    for (const trace of this.traces.values()) built.push({ view: yield* finishTrace(trace), startAbs: trace.startAbs });
    built.sort((a, b) => a.startAbs - b.startAbs);
    return { traces: built.map((b) => b.view), services: this.services, spanCount: this.count };
  }
}

/** Builds the model of every trace in `spans` (ended) and `unfinished` (never ended). */
export function buildTraceModel(spans: readonly SpanRecord[], unfinished: readonly SpanRecord[] = []): TraceModel {
  const builder = new TraceModelBuilder();
  builder.add(spans);
  builder.add(unfinished);
  return builder.finish();
}

const byStart = (a: SpanNode, b: SpanNode): number => a.startMs - b.startMs;

/** Sorts by start time; records usually arrive in end order, so check for sorted or reversed first. */
function sortByStart(list: SpanNode[]): void {
  let ascending = true;
  let descending = true;
  for (let i = 1; i < list.length && (ascending || descending); i++) {
    const d = list[i]!.startMs - list[i - 1]!.startMs;
    if (d < 0) ascending = false;
    else if (d > 0) descending = false;
  }
  if (ascending) return;
  if (descending) list.reverse();
  else list.sort(byStart);
}

/** Where a trace's spans end up while they are linked into trees. */
interface Links {
  roots: SpanNode[];
  orphans: SpanNode[];
  missingParentIds: string[];
  missingSeen: Set<string>;
}

interface Counts {
  errors: number;
  skewed: number;
  unfinished: number;
  zeroDuration: number;
}

/*
 * The hot loops of `finishTrace` are plain functions over a range of spans: the generator only
 * hands out ranges and yields between them (V8 optimises loops in generator bodies less well).
 */

function placeOnAxis(nodes: SpanNode[], from: number, to: number, traceStart: number, durationMs: number): void {
  for (let i = from; i < to; i++) {
    const node = nodes[i]!;
    node.startMs -= traceStart;
    node.endMs = node.unfinished ? durationMs : node.endMs - traceStart;
  }
}

function noteMissing(links: Links, parentId: string): void {
  if (!links.missingSeen.has(parentId)) {
    links.missingSeen.add(parentId);
    links.missingParentIds.push(parentId);
  }
}

function linkToParents(nodes: SpanNode[], from: number, to: number, byId: Map<string, SpanNode>, links: Links): void {
  for (let i = from; i < to; i++) {
    const node = nodes[i]!;
    const parentId = node.record.parentSpanId;
    if (parentId === undefined || parentId === '') {
      links.roots.push(node);
      continue;
    }
    const parent = byId.get(parentId);
    if (parent === undefined || parent === node) {
      node.orphan = true;
      links.orphans.push(node);
      noteMissing(links, parentId);
      continue;
    }
    node.parent = parent;
    if (parent.children === NO_CHILDREN) parent.children = [node];
    else parent.children.push(node);
  }
}

/** Depth-first placement into `items`, with an explicit stack: a 100,000-span chain must not overflow the call stack. */
class DepthFirst {
  readonly items: TreeItem[] = [];
  private readonly stack: SpanNode[] = [];

  start(top: SpanNode, depth: number): void {
    top.depth = depth;
    this.stack.push(top);
  }

  /** Places up to `limit` spans; true when the stack is empty. */
  run(limit: number): boolean {
    const { stack, items } = this;
    for (let n = 0; n < limit && stack.length > 0; n++) {
      const node = stack.pop()!;
      node.index = items.length;
      items.push(node);
      const children = node.children;
      if (children.length > 1) sortByStart(children);
      for (let c = children.length - 1; c >= 0; c--) {
        const child = children[c]!;
        child.depth = node.depth + 1;
        child.position = c + 1;
        child.siblingCount = children.length;
        stack.push(child);
      }
    }
    return stack.length === 0;
  }
}

/** Items `from` to `to` (exclusive), last first: subtree sizes, clock-skew flags, counts. */
function summariseBackwards(items: TreeItem[], from: number, to: number, counts: Counts): void {
  for (let i = to - 1; i >= from; i--) {
    const item = items[i]!;
    if (item.kind === 'missing-parent') {
      item.descendantCount = items.length - 1 - i;
      continue;
    }
    const parent = item.parent;
    if (parent !== undefined) {
      parent.descendantCount += item.descendantCount + 1;
      item.startsBeforeParent = item.startMs < parent.startMs - SKEW_TOLERANCE_MS;
      item.endsAfterParent = !item.unfinished && !parent.unfinished && item.endMs > parent.endMs + SKEW_TOLERANCE_MS;
      if (item.startsBeforeParent || item.endsAfterParent) counts.skewed++;
    }
    if (item.isError) counts.errors++;
    if (item.unfinished) counts.unfinished++;
    else if (item.durationMs === 0) counts.zeroDuration++;
  }
}

function* finishTrace(trace: TraceAccumulator): Steps<TraceView> {
  const { nodes, byId, traceId } = trace;
  const traceStart = trace.startAbs;
  const durationMs = Math.max(0, trace.endAbs - traceStart);
  for (let from = 0; from < nodes.length; from += SPANS_PER_STEP) {
    placeOnAxis(nodes, from, Math.min(from + SPANS_PER_STEP, nodes.length), traceStart, durationMs);
    yield;
  }

  const links: Links = { roots: [], orphans: [], missingParentIds: [], missingSeen: new Set() };
  for (let from = 0; from < nodes.length; from += SPANS_PER_STEP) {
    linkToParents(nodes, from, Math.min(from + SPANS_PER_STEP, nodes.length), byId, links);
    yield;
  }
  const { roots, orphans, missingParentIds } = links;

  const walk = new DepthFirst();
  const items = walk.items;
  sortByStart(roots);
  for (const root of roots) {
    walk.start(root, 0);
    while (!walk.run(SPANS_PER_STEP)) yield;
  }

  let group: MissingParentGroup | undefined;
  if (orphans.length > 0 || items.length < nodes.length) {
    // Spans on a parent cycle (a -> b -> a) are reachable from no root and no orphan.
    if (items.length + countBelow(orphans) < nodes.length) {
      for (const head of cutCycles(nodes)) {
        orphans.push(head);
        noteMissing(links, head.record.parentSpanId!);
      }
    }
    sortByStart(orphans);
    group = {
      kind: 'missing-parent',
      index: items.length,
      key: 'missing-parent',
      parent: undefined,
      children: orphans,
      depth: 0,
      descendantCount: 0,
      position: 1,
      siblingCount: 1,
      missingParentIds,
    };
    items.push(group);
    for (let i = 0; i < orphans.length; i++) {
      const orphan = orphans[i]!;
      orphan.position = i + 1;
      orphan.siblingCount = orphans.length;
      walk.start(orphan, 1);
      while (!walk.run(SPANS_PER_STEP)) yield;
    }
  }

  const topLevel: TreeItem[] = [...roots];
  if (group) topLevel.push(group);
  topLevel.forEach((item, i) => {
    item.position = i + 1;
    item.siblingCount = topLevel.length;
  });

  const counts: Counts = { errors: 0, skewed: 0, unfinished: 0, zeroDuration: 0 };
  for (let to = items.length; to > 0; to -= SPANS_PER_STEP) {
    summariseBackwards(items, Math.max(0, to - SPANS_PER_STEP), to, counts);
    yield;
  }
  const serviceOrder: number[] = [];
  const usedServices = new Set<number>();
  for (const item of items) {
    if (item.kind === 'span' && !usedServices.has(item.serviceIndex)) {
      usedServices.add(item.serviceIndex);
      serviceOrder.push(item.serviceIndex);
    }
  }
  let duplicateCount = 0;
  if (trace.reused) for (const uses of trace.reused.values()) duplicateCount += uses;

  const titleSpan = roots[0] ?? orphans[0];
  return {
    traceId,
    items,
    topLevel,
    roots,
    missingParent: group,
    spanCount: nodes.length,
    startUnixNano: trace.startRecord?.startTimeUnixNano ?? '0',
    durationMs,
    title: titleSpan?.record.name ?? traceId,
    services: serviceOrder,
    errorCount: counts.errors,
    orphanCount: orphans.length,
    duplicateCount,
    skewCount: counts.skewed,
    unfinishedCount: counts.unfinished,
    zeroDurationCount: counts.zeroDuration,
  };
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

/** Spans in the subtrees of `heads` (heads included), counted without recursion. */
function countBelow(heads: SpanNode[]): number {
  let count = 0;
  const stack = [...heads];
  while (stack.length > 0) {
    const node = stack.pop()!;
    count++;
    for (const child of node.children) stack.push(child);
  }
  return count;
}

/**
 * Spans that no root or orphan reaches sit on (or hang below) a cycle of parent ids. Cuts each
 * cycle at its earliest span, which becomes an orphan head. Every span joins a walk at most
 * once, so this stays linear even for a long chain hanging below a cycle.
 */
function cutCycles(nodes: SpanNode[]): SpanNode[] {
  const heads: SpanNode[] = [];
  const settled = new Set<SpanNode>();
  const reached = (node: SpanNode): boolean => node.index !== -1 || node.orphan || settled.has(node);
  // Orphan subtrees are not placed yet: mark them so walks stop there.
  const stack = nodes.filter((node) => node.orphan);
  while (stack.length > 0) {
    const node = stack.pop()!;
    settled.add(node);
    for (const child of node.children) stack.push(child);
  }
  for (const node of nodes) {
    if (reached(node)) continue;
    const path: SpanNode[] = [];
    const onPath = new Map<SpanNode, number>();
    let at: SpanNode | undefined = node;
    while (at !== undefined && !reached(at) && !onPath.has(at)) {
      onPath.set(at, path.length);
      path.push(at);
      at = at.parent;
    }
    if (at !== undefined && onPath.has(at)) {
      const cycle = path.slice(onPath.get(at)!);
      let head = cycle[0]!;
      for (const member of cycle) if (member.startMs < head.startMs) head = member;
      const parent = head.parent!;
      parent.children.splice(parent.children.indexOf(head), 1);
      head.parent = undefined;
      head.orphan = true;
      heads.push(head);
    }
    for (const member of path) settled.add(member);
  }
  return heads;
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
