/**
 * Critical path of a trace: the chain of work that decided how long it took, as time segments
 * per span, and the bottleneck: the span that holds most of that time, with its ancestors.
 *
 * The rule is Jaeger UI's: walk back from the end of a span; the child that finished last
 * (before the point reached so far) is what the span waited for, so the walk goes into that
 * child, and resumes in the parent at the child's start. Time not covered by a child is the
 * span's own time on the path. Children are clipped to their parent's interval first (clock
 * skew must not stretch the path beyond the parent), and unfinished spans are left out (their
 * end is unknown).
 *
 * One difference: a child still running at the point reached is clipped to it and can be
 * chosen, where Jaeger skips it. Sequential steps often overlap their next sibling by a fraction
 * of a millisecond (OpenTelemetry JS starts each span at a whole-millisecond `Date.now()`), and
 * Jaeger's rule then drops the whole earlier step, however long, from the path.
 *
 * Linear after sorting each span's children by end time: the walk never looks at a child twice
 * (a per-parent pointer only moves forward: a child that starts after the point reached can
 * never be chosen later, as that point only moves back), where Jaeger's version goes quadratic
 * (it filters all the children again at each step).
 * Iterative, so a chain of 100,000 spans cannot overflow the stack.
 */
import { runSteps, SPANS_PER_STEP, type SpanNode, type Steps, type TraceView } from './model.ts';

export interface CriticalPath {
  /** The span the path was computed from: the longest finished top-level span. */
  root: SpanNode;
  /** Length of the path: the root's duration (ms). */
  totalMs: number;
  /** Per item index: the span's own time on the path (ms); 0 when it is not on the path. */
  selfMs: Float64Array;
  /** Per item index: time on the path within the span's subtree, itself included. */
  subtreeMs: Float64Array;
  /**
   * The path as segments, grouped by span: item `i` has the segments `segmentOffsets[i]` to
   * `segmentOffsets[i + 1]` (exclusive), each `[segmentTimes[2k], segmentTimes[2k + 1]]` in ms
   * offsets, in time order. See `segmentsOf`.
   */
  segmentOffsets: Int32Array;
  segmentTimes: Float64Array;
  /**
   * The bottleneck, top-down: the span with the most time of its own on the path, when it
   * clearly dominates (see `isDominant`), and its ancestors below the root. In the checkout
   * example: `charge payment` and the `stripe api call` inside it, which alone holds 375 ms of
   * the 450. Empty when no span stands out, or when the root's own time is the largest.
   */
  bottleneck: SpanNode[];
  /** Per item index, 1 for spans in `bottleneck`. */
  isBottleneck: Uint8Array;
}

/** A bottleneck holds at least this share of the whole path in its own time... */
export const BOTTLENECK_SHARE = 0.25;
/** ...and at least this many times the own time of any other span. */
export const BOTTLENECK_LEAD = 1.5;

/** The critical-path segments of item `index` as [start, end] pairs (ms offsets). */
export function segmentsOf(path: CriticalPath, index: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let k = path.segmentOffsets[index]!; k < path.segmentOffsets[index + 1]!; k++) {
    out.push([path.segmentTimes[2 * k]!, path.segmentTimes[2 * k + 1]!]);
  }
  return out;
}

/**
 * Spans the path must not go through, with their subtrees: records drawn in a trace without
 * being part of it (a span only the reference has, in a comparison). The trace did not wait
 * for them.
 */
export type LeaveOut = (node: SpanNode) => boolean;

/** The critical path of `trace`, or undefined when it has no finished span to start from. */
export function computeCriticalPath(trace: TraceView, leaveOut?: LeaveOut): CriticalPath | undefined {
  return runSteps(criticalPathSteps(trace, leaveOut));
}

/** `computeCriticalPath` as steps, for `runStepsInTasks` on big traces. */
export function* criticalPathSteps(trace: TraceView, leaveOut?: LeaveOut): Steps<CriticalPath | undefined> {
  const root = pickRoot(trace, leaveOut);
  if (root === undefined) return undefined;
  const { items } = trace;
  const count = items.length;
  const walk = new Walk(count, leaveOut);
  walk.enter(root, root.startMs, root.endMs);
  // The walk itself runs in a plain method (optimised like any loop); only this loop yields.
  while (!walk.run(SPANS_PER_STEP)) yield;
  const { selfMs, segItem, segStart, segEnd, segCount } = walk;
  const subtreeMs = new Float64Array(count);

  // Group segments by span (counting sort). The walk went backwards in time, so fill each
  // span's range from its end to leave the segments in time order.
  const segmentOffsets = new Int32Array(count + 1);
  for (let k = 0; k < segCount; k++) segmentOffsets[segItem[k]! + 1]!++;
  for (let i = 0; i < count; i++) segmentOffsets[i + 1]! += segmentOffsets[i]!;
  const fill = segmentOffsets.slice(1);
  const segmentTimes = new Float64Array(2 * segCount);
  for (let k = 0; k < segCount; k++) {
    if (k % (4 * SPANS_PER_STEP) === 0) yield;
    const at = --fill[segItem[k]!]!;
    segmentTimes[2 * at] = segStart[k]!;
    segmentTimes[2 * at + 1] = segEnd[k]!;
  }

  // Post-order sums: items are in depth-first order, so walking backwards sees children first.
  for (let i = count - 1; i >= 0; i--) {
    if (i % (4 * SPANS_PER_STEP) === 0) yield;
    const item = items[i]!;
    subtreeMs[i]! += selfMs[i]!;
    if (item.kind === 'span' && item.parent !== undefined) subtreeMs[item.parent.index]! += subtreeMs[i]!;
  }

  const totalMs = root.endMs - root.startMs;
  const bottleneck: SpanNode[] = [];
  const isBottleneck = new Uint8Array(count);
  let top = -1;
  let second = 0;
  for (let i = 0; i < count; i++) {
    const value = selfMs[i]!;
    if (top < 0 || value > selfMs[top]!) {
      if (top >= 0) second = Math.max(second, selfMs[top]!);
      top = i;
    } else if (value > second) {
      second = value;
    }
  }
  const hot = items[top];
  if (hot?.kind === 'span' && hot !== root && selfMs[top]! >= totalMs * BOTTLENECK_SHARE && selfMs[top]! >= second * BOTTLENECK_LEAD) {
    for (let at: SpanNode | undefined = hot; at !== undefined && at !== root; at = at.parent) {
      bottleneck.push(at);
      isBottleneck[at.index] = 1;
    }
    bottleneck.reverse();
  }

  return { root, totalMs, selfMs, subtreeMs, segmentOffsets, segmentTimes, bottleneck, isBottleneck };
}

const NO_CHILDREN: readonly SpanNode[] = [];

/**
 * The backward walk, with its stack as parallel arrays: span, cursor (everything after it in
 * the span is accounted for), its children by clipped end (latest first), and how far the walk
 * got in them.
 */
class Walk {
  readonly selfMs: Float64Array;
  // Each child entered adds at most one segment to its parent, and each span one on leaving: <= 2n.
  readonly segItem: Int32Array;
  readonly segStart: Float64Array;
  readonly segEnd: Float64Array;
  segCount = 0;
  /** Each span's window, clipped to its parent's (set when its parent is entered). */
  private readonly clipStart: Float64Array;
  private readonly clipEnd: Float64Array;
  private readonly stackNode: SpanNode[] = [];
  private readonly stackCursor: number[] = [];
  private readonly stackChildren: Array<readonly SpanNode[]> = [];
  private readonly stackNext: number[] = [];

  private readonly leaveOut: LeaveOut | undefined;

  constructor(count: number, leaveOut: LeaveOut | undefined) {
    this.leaveOut = leaveOut;
    this.selfMs = new Float64Array(count);
    this.segItem = new Int32Array(2 * count + 1);
    this.segStart = new Float64Array(2 * count + 1);
    this.segEnd = new Float64Array(2 * count + 1);
    this.clipStart = new Float64Array(count);
    this.clipEnd = new Float64Array(count);
  }

  enter(node: SpanNode, start: number, end: number): void {
    const { clipStart, clipEnd } = this;
    clipStart[node.index] = start;
    clipEnd[node.index] = end;
    let children = NO_CHILDREN;
    if (node.children.length > 0) {
      const kept: SpanNode[] = [];
      for (const child of node.children) {
        if (child.unfinished || this.leaveOut?.(child)) continue;
        const s = child.startMs > start ? child.startMs : start;
        const e = child.endMs < end ? child.endMs : end;
        if (!(e > s)) continue;
        clipStart[child.index] = s;
        clipEnd[child.index] = e;
        kept.push(child);
      }
      if (kept.length > 1) sortByEndDescending(kept, clipEnd);
      children = kept;
    }
    this.stackNode.push(node);
    this.stackCursor.push(end);
    this.stackChildren.push(children);
    this.stackNext.push(0);
  }

  /** Takes up to `limit` steps; true when the walk is over. */
  run(limit: number): boolean {
    const { clipStart, clipEnd, stackNode, stackCursor, stackChildren, stackNext } = this;
    for (let steps = 0; steps < limit; steps++) {
      const top = stackNode.length - 1;
      if (top < 0) return true;
      const node = stackNode[top]!;
      const children = stackChildren[top]!;
      let next = stackNext[top]!;
      const cursor = stackCursor[top]!;
      while (next < children.length && clipStart[children[next]!.index]! >= cursor) next++;
      const child = children[next];
      if (child === undefined) {
        const start = clipStart[node.index]!;
        this.addSegment(node.index, start, cursor);
        stackNode.pop();
        stackCursor.pop();
        stackChildren.pop();
        stackNext.pop();
        if (top > 0) stackCursor[top - 1] = Math.min(stackCursor[top - 1]!, start);
        continue;
      }
      stackNext[top] = next + 1;
      const childEnd = Math.min(clipEnd[child.index]!, cursor);
      this.addSegment(node.index, childEnd, cursor);
      stackCursor[top] = childEnd;
      this.enter(child, clipStart[child.index]!, childEnd);
    }
    return stackNode.length === 0;
  }

  private addSegment(index: number, start: number, end: number): void {
    if (!(end > start)) return;
    this.selfMs[index]! += end - start;
    const k = this.segCount++;
    this.segItem[k] = index;
    this.segStart[k] = start;
    this.segEnd[k] = end;
  }
}

/** Latest end first; sequential siblings come in start order, so try "reversed" before sorting. */
function sortByEndDescending(list: SpanNode[], end: Float64Array): void {
  let ascending = true;
  let descending = true;
  for (let i = 1; i < list.length && (ascending || descending); i++) {
    const d = end[list[i]!.index]! - end[list[i - 1]!.index]!;
    if (d < 0) ascending = false;
    else if (d > 0) descending = false;
  }
  if (descending) return;
  if (ascending) list.reverse();
  else list.sort((a, b) => end[b.index]! - end[a.index]!);
}

/** The longest finished root; when there is none, the longest finished orphan head. */
function pickRoot(trace: TraceView, leaveOut: LeaveOut | undefined): SpanNode | undefined {
  const longest = (candidates: readonly SpanNode[]): SpanNode | undefined => {
    let best: SpanNode | undefined;
    for (const node of candidates) {
      if (node.unfinished || leaveOut?.(node)) continue;
      if (best === undefined || node.durationMs! > best.durationMs!) best = node;
    }
    return best;
  };
  return longest(trace.roots) ?? longest(trace.missingParent?.children ?? []);
}
