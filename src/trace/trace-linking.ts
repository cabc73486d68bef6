/**
 * Links one trace's spans into trees: parents through a Map, children sorted by start, items in
 * depth-first order with an explicit stack, subtree sizes and flags (clock skew, orphans,
 * cycles, duplicates) in one backward pass. Work is handed out in steps of `SPANS_PER_STEP`
 * spans, so a 100,000-span trace can be linked without blocking the page.
 */
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { SKEW_TOLERANCE_MS, SPANS_PER_STEP, type MissingParentGroup, type SpanNode, type Steps, type TraceView, type TreeItem } from './model.ts';

/** What one trace collects while records are added. */
export interface TraceAccumulator {
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
export const NO_CHILDREN = Object.freeze([]) as unknown as SpanNode[];

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

export function* finishTrace(trace: TraceAccumulator): Steps<TraceView> {
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

