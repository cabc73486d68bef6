/**
 * Compares a learner's trace with the reference solution's, without the DOM.
 *
 * Ids and times differ on every run, so spans are matched by their place in the tree: the path
 * of (name, kind) from the root. Among siblings, spans pair in start order, first by name and
 * kind, then by name alone (a "kind differs" pair). A span left over on both sides with the same
 * name and kind somewhere else in the tree is "moved" (under another parent); what is left after
 * that is "missing" (the reference only) or "extra" (the learner's only). Paired spans are then
 * compared on kind, status and attributes.
 *
 * The result is one merged list of span records for the viewer: the learner's spans as they are,
 * plus a made-up record per missing span (the reference's, moved onto the learner's timeline and
 * under the learner's matching parent), and a `SpanComparison` per record by its span id.
 */
import type { AttributeValue, Attributes, SpanKindName, SpanRecord, StatusCodeName } from '../../sandboxes/wire/span-record.ts';
import { durationMs } from '../../sandboxes/wire/span-record.ts';

export type CompareState = 'matched' | 'missing' | 'extra' | 'moved';

export interface AttributeDiff {
  /** Keys the learner's span has and the reference's does not. */
  added: string[];
  /** Keys the reference's span has and the learner's does not. */
  removed: string[];
  /** Keys on both with different values (values that vary per run are not compared: `isVolatileAttribute`). */
  changed: Array<{ key: string; yours: AttributeValue; reference: AttributeValue }>;
}

export interface SpanComparison {
  state: CompareState;
  yours: SpanRecord | undefined;
  reference: SpanRecord | undefined;
  /** For a moved span: the name of its parent in the reference, or undefined when it is a root there. */
  referenceParent: string | undefined;
  /** Set when both sides have the span with different kinds / status codes. */
  kind: { yours: SpanKindName; reference: SpanKindName } | undefined;
  status: { yours: StatusCodeName; reference: StatusCodeName } | undefined;
  attributes: AttributeDiff;
  /** Durations in ms; undefined for a side that lacks the span or never ended it. */
  yoursMs: number | undefined;
  referenceMs: number | undefined;
  /** Start offsets from each trace's start (ms). */
  yoursStartMs: number | undefined;
  referenceStartMs: number | undefined;
  /**
   * For a paired span: where the reference's span starts relative to the learner's (ms), with
   * both placed in their parent: how much later (or earlier, below 0) it starts after its
   * parent's start than the learner's does. 0 for roots and moved spans (whose parents differ).
   * Offsets from the trace start would add up every earlier span's difference.
   */
  referenceShiftMs: number | undefined;
}

export interface CompareCounts {
  matched: number;
  missing: number;
  extra: number;
  moved: number;
  /** Paired spans (matched or moved) whose kind, status or attributes differ. */
  differ: number;
}

export interface TraceComparison {
  /** What the viewer shows: ended spans and spans that never ended, as in a `RunResult`. */
  spans: SpanRecord[];
  unfinished: SpanRecord[];
  /** By the merged record's span id. */
  bySpanId: Map<string, SpanComparison>;
  counts: CompareCounts;
}

interface Node {
  record: SpanRecord;
  parent: Node | undefined;
  children: Node[];
  /** Depth-first position, for stable "first unpaired" choices. */
  order: number;
  pair: Node | undefined;
  moved: boolean;
}

const byStart = (a: Node, b: Node) => {
  const d = BigInt(a.record.startTimeUnixNano) - BigInt(b.record.startTimeUnixNano);
  return d < 0n ? -1 : d > 0n ? 1 : a.order - b.order;
};

/** Records to a forest: a span whose parent is not in the data is a root here. */
function forest(records: readonly SpanRecord[]): { roots: Node[]; all: Node[] } {
  const nodes = records.map((record, order): Node => ({ record, parent: undefined, children: [], order, pair: undefined, moved: false }));
  const byId = new Map<string, Node>();
  for (const node of nodes) if (!byId.has(node.record.traceId + node.record.spanId)) byId.set(node.record.traceId + node.record.spanId, node);
  const roots: Node[] = [];
  for (const node of nodes) {
    const parent = node.record.parentSpanId ? byId.get(node.record.traceId + node.record.parentSpanId) : undefined;
    if (parent && parent !== node) {
      node.parent = parent;
      parent.children.push(node);
    } else roots.push(node);
  }
  const all: Node[] = [];
  const visit = (list: Node[]) => {
    list.sort(byStart);
    for (const node of list) {
      node.order = all.length;
      all.push(node);
      visit(node.children);
    }
  };
  visit(roots);
  // A cycle of parents leaves spans unvisited: they are roots too.
  const visited = new Set(all);
  for (const node of nodes) {
    if (visited.has(node)) continue;
    node.parent = undefined;
    roots.push(node);
    visit([node]);
    for (const seen of all) visited.add(seen);
  }
  return { roots, all };
}

/** Pairs siblings in order: by name and kind first, then by name alone. Returns the new pairs. */
function pairSiblings(reference: Node[], yours: Node[]): Array<[Node, Node]> {
  const pairs: Array<[Node, Node]> = [];
  const pass = (same: (a: Node, b: Node) => boolean) => {
    for (const b of yours) {
      if (b.pair) continue;
      const a = reference.find((r) => !r.pair && same(r, b));
      if (!a) continue;
      a.pair = b;
      b.pair = a;
      pairs.push([a, b]);
    }
  };
  pass((a, b) => a.record.name === b.record.name && a.record.kind === b.record.kind);
  pass((a, b) => a.record.name === b.record.name);
  return pairs;
}

/** Pairs the trees from the roots down, then pairs what is left by name and kind anywhere ("moved"). */
function pairTrees(reference: { roots: Node[]; all: Node[] }, yours: { roots: Node[]; all: Node[] }): void {
  const queue = pairSiblings(reference.roots, yours.roots);
  for (;;) {
    while (queue.length > 0) {
      const [a, b] = queue.shift()!;
      queue.push(...pairSiblings(a.children, b.children));
    }
    const moved: Array<[Node, Node]> = [];
    for (const b of yours.all) {
      if (b.pair) continue;
      const a = reference.all.find((r) => !r.pair && r.record.name === b.record.name && r.record.kind === b.record.kind);
      if (!a) continue;
      a.pair = b;
      b.pair = a;
      a.moved = b.moved = true;
      moved.push([a, b]);
      // Their children pair with each other first, before any other leftover is taken as moved.
      break;
    }
    if (moved.length === 0) return;
    queue.push(...moved);
  }
}

const VOLATILE_KEY_PARTS = new Set(['id', 'ids', 'uuid', 'guid', 'time', 'timestamp', 'duration', 'ms', 'ns', 'pid', 'port', 'seed']);
const VOLATILE_VALUE = /^(?:[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * Whether an attribute's value may differ between two correct runs, so that a different value
 * says nothing: ids, times and durations (`order.id`, `order_id`, `retry.time`,
 * `db.duration_ms`, `net.peer.port`), and values that look like generated ids (16 or more hex
 * digits, UUIDs). Such keys still count when one side lacks them.
 */
export function isVolatileAttribute(key: string, yours: AttributeValue, reference: AttributeValue): boolean {
  const parts = key.toLowerCase().split(/[._-]/);
  if (parts.some((part) => VOLATILE_KEY_PARTS.has(part))) return true;
  return typeof yours === 'string' && typeof reference === 'string' && VOLATILE_VALUE.test(yours) && VOLATILE_VALUE.test(reference);
}

export function diffAttributes(yours: Attributes, reference: Attributes): AttributeDiff {
  const added = Object.keys(yours).filter((key) => !(key in reference)).sort();
  const removed = Object.keys(reference).filter((key) => !(key in yours)).sort();
  const changed = Object.keys(yours)
    .filter((key) => key in reference && JSON.stringify(yours[key]) !== JSON.stringify(reference[key]) && !isVolatileAttribute(key, yours[key]!, reference[key]!))
    .sort()
    .map((key) => ({ key, yours: yours[key]!, reference: reference[key]! }));
  return { added, removed, changed };
}

const NO_DIFF: AttributeDiff = { added: [], removed: [], changed: [] };

export function hasAttributeDiff(diff: AttributeDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length > 0;
}

function earliest(records: readonly SpanRecord[]): bigint | undefined {
  let min: bigint | undefined;
  for (const r of records) {
    const start = BigInt(r.startTimeUnixNano);
    if (min === undefined || start < min) min = start;
  }
  return min;
}

const offsetMs = (record: SpanRecord, start: bigint | undefined) => (start === undefined ? undefined : Number(BigInt(record.startTimeUnixNano) - start) / 1e6);

function comparisonOf(state: CompareState, yours: Node | undefined, reference: Node | undefined, starts: { yours: bigint | undefined; reference: bigint | undefined }): SpanComparison {
  const y = yours?.record;
  const r = reference?.record;
  return {
    state,
    yours: y,
    reference: r,
    referenceParent: state === 'moved' ? reference?.parent?.record.name : undefined,
    kind: y && r && y.kind !== r.kind ? { yours: y.kind, reference: r.kind } : undefined,
    status: y && r && y.status.code !== r.status.code ? { yours: y.status.code, reference: r.status.code } : undefined,
    attributes: y && r ? diffAttributes(y.attributes, r.attributes) : NO_DIFF,
    yoursMs: y && durationMs(y),
    referenceMs: r && durationMs(r),
    yoursStartMs: y && offsetMs(y, starts.yours),
    referenceStartMs: r && offsetMs(r, starts.reference),
    referenceShiftMs: yours && reference ? shiftInParent(state, yours, reference) : undefined,
  };
}

function shiftInParent(state: CompareState, yours: Node, reference: Node): number {
  const mine = yours.parent?.record;
  const theirs = reference.parent?.record;
  if (state === 'moved' || !mine || !theirs) return 0;
  const inParent = (record: SpanRecord, parent: SpanRecord) => BigInt(record.startTimeUnixNano) - BigInt(parent.startTimeUnixNano);
  return Number(inParent(reference.record, theirs) - inParent(yours.record, mine)) / 1e6;
}

export function differs(row: SpanComparison): boolean {
  return row.kind !== undefined || row.status !== undefined || hasAttributeDiff(row.attributes);
}

const ns = (time: string | undefined) => (time === undefined ? undefined : BigInt(time));

/**
 * How far a missing span moves onto the learner's timeline: as far as its matching parent moved
 * (so it starts as long after its parent as in the reference), then back inside that parent
 * where the learner's is shorter, so that no made-up span is flagged for clock skew. Below
 * another missing span it moves with that span; at the top, with the whole trace.
 */
function missingShift(node: Node, shifts: Map<Node, bigint>, traceShift: bigint): bigint {
  const parent = node.parent;
  if (!parent) return traceShift;
  if (!parent.pair) return shifts.get(parent) ?? traceShift;
  const mine = parent.pair.record;
  let shift = BigInt(mine.startTimeUnixNano) - BigInt(parent.record.startTimeUnixNano);
  const start = BigInt(node.record.startTimeUnixNano);
  const end = ns(node.record.endTimeUnixNano) ?? start;
  const parentEnd = ns(mine.endTimeUnixNano);
  if (parentEnd !== undefined && end + shift > parentEnd) shift = parentEnd - end;
  if (start + shift < BigInt(mine.startTimeUnixNano)) shift = BigInt(mine.startTimeUnixNano) - start;
  return shift;
}

/** Compares the learner's spans (ended and unfinished alike) with the reference's. */
export function compareTraces(yoursRecords: readonly SpanRecord[], referenceRecords: readonly SpanRecord[]): TraceComparison {
  const yours = forest(yoursRecords);
  const reference = forest(referenceRecords);
  pairTrees(reference, yours);
  const starts = { yours: earliest(yoursRecords), reference: earliest(referenceRecords) };
  const traceShift = starts.yours !== undefined && starts.reference !== undefined ? starts.yours - starts.reference : 0n;

  const out: TraceComparison = { spans: [], unfinished: [], bySpanId: new Map(), counts: { matched: 0, missing: 0, extra: 0, moved: 0, differ: 0 } };
  const add = (record: SpanRecord, row: SpanComparison) => {
    (record.endTimeUnixNano === undefined ? out.unfinished : out.spans).push(record);
    out.bySpanId.set(record.spanId, row);
    out.counts[row.state]++;
    if (differs(row)) out.counts.differ++;
  };
  for (const node of yours.all) {
    const state: CompareState = node.pair ? (node.moved ? 'moved' : 'matched') : 'extra';
    add(node.record, comparisonOf(state, node, node.pair, starts));
  }

  // Missing spans: the reference's record on the learner's timeline, under the learner's matching parent.
  const taken = new Set(yoursRecords.map((r) => r.spanId));
  const mergedId = new Map<Node, { traceId: string; spanId: string }>();
  const firstTrace = yours.roots[0]?.record.traceId;
  let counter = 0;
  const freshId = () => {
    let id: string;
    do id = (0xf000000000000000n + BigInt(++counter)).toString(16);
    while (taken.has(id));
    taken.add(id);
    return id;
  };
  const shifts = new Map<Node, bigint>();
  for (const node of reference.all) {
    if (node.pair) continue;
    const shift = missingShift(node, shifts, traceShift);
    shifts.set(node, shift);
    const parent = node.parent && (node.parent.pair ? { traceId: node.parent.pair.record.traceId, spanId: node.parent.pair.record.spanId } : mergedId.get(node.parent));
    const ids = { traceId: parent?.traceId ?? firstTrace ?? node.record.traceId, spanId: freshId() };
    mergedId.set(node, ids);
    const { parentSpanId: _parent, endTimeUnixNano: end, ...rest } = node.record;
    const moved = (time: string) => String(BigInt(time) + shift);
    const record: SpanRecord = {
      ...rest,
      ...ids,
      ...(parent ? { parentSpanId: parent.spanId } : {}),
      startTimeUnixNano: moved(rest.startTimeUnixNano),
      ...(end !== undefined ? { endTimeUnixNano: moved(end) } : {}),
      // Links name spans of the reference's run, which the learner's trace does not have.
      links: [],
    };
    add(record, comparisonOf('missing', undefined, node, starts));
  }
  return out;
}
