/**
 * What a trace says when it is read well: every span's self time and gaps, the bottleneck, where
 * an error started, the critical path. The grader compares answers with these; the wrong-answer
 * explanations quote them. Built on the viewer's own model and critical path, so that the
 * answer is what the viewer shows.
 */
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { computeCriticalPath } from '../trace/critical-path.ts';
import { buildTraceModel } from '../trace/model-builder.ts';
import type { SpanNode, TraceView } from '../trace/model.ts';

export interface Gap {
  /** The span the gap is in: none of its children runs during it. */
  span: SpanNode;
  /** ms from the start of the trace. */
  startMs: number;
  endMs: number;
  ms: number;
}

export interface TraceFacts {
  trace: TraceView;
  nodeOf(spanId: string): SpanNode;
  /** Duration minus the time its children cover (children clipped to the span; overlaps counted once). */
  selfMs(node: SpanNode): number;
  /** Time its children cover, overlaps counted once. */
  childrenMs(node: SpanNode): number;
  /** Stretches inside a span with children where none of them runs, before, between and after them. */
  gapsOf(node: SpanNode): Gap[];
  largestGap(): Gap | undefined;
  bottleneck(): SpanNode;
  /** The deepest error below the first one; undefined when no span is an error. */
  errorOrigin(): SpanNode | undefined;
  /** Spans with time of their own on the critical path, the ones the viewer marks. */
  criticalPath(): Set<SpanNode>;
}

function covered(node: SpanNode): Array<[number, number]> {
  const intervals = node.children
    .map((c): [number, number] => [Math.max(c.startMs, node.startMs), Math.min(c.endMs, node.endMs)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const [a, b] of intervals) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** Rounds away float noise from ns to ms conversions (0.1 µs). */
const tidy = (ms: number) => Math.round(ms * 1e4) / 1e4;

export function traceFacts(records: readonly SpanRecord[]): TraceFacts {
  const trace = buildTraceModel(records).traces[0];
  if (!trace) throw new Error('The trace has no spans.');
  const nodes = trace.items.filter((i): i is SpanNode => i.kind === 'span');
  const byId = new Map(nodes.map((n) => [n.record.spanId, n]));
  const childrenMs = (node: SpanNode) => tidy(covered(node).reduce((sum, [a, b]) => sum + b - a, 0));
  const selfMs = (node: SpanNode) => tidy(node.endMs - node.startMs - childrenMs(node));
  const gapsOf = (node: SpanNode): Gap[] => {
    if (node.children.length === 0) return [];
    const gaps: Gap[] = [];
    let at = node.startMs;
    for (const [a, b] of [...covered(node), [node.endMs, node.endMs] as [number, number]]) {
      if (a > at) gaps.push({ span: node, startMs: at, endMs: a, ms: tidy(a - at) });
      at = Math.max(at, b);
    }
    return gaps;
  };
  let path: Set<SpanNode> | undefined;
  return {
    trace,
    nodeOf: (spanId) => {
      const node = byId.get(spanId);
      if (!node) throw new Error(`No span ${spanId} in the trace.`);
      return node;
    },
    selfMs,
    childrenMs,
    gapsOf,
    largestGap: () => nodes.flatMap(gapsOf).reduce<Gap | undefined>((best, g) => (best === undefined || g.ms > best.ms ? g : best), undefined),
    bottleneck: () => nodes.reduce((best, n) => (selfMs(n) > selfMs(best) ? n : best)),
    errorOrigin: () => {
      const first = nodes.filter((n) => n.isError).sort((a, b) => a.depth - b.depth || a.startMs - b.startMs)[0];
      let at = first;
      for (;;) {
        const below = at?.children.filter((c) => c.isError).sort((a, b) => a.endMs - b.endMs)[0];
        if (!below) return at;
        at = below;
      }
    },
    criticalPath: () => {
      if (!path) {
        const computed = computeCriticalPath(trace);
        path = new Set(computed ? nodes.filter((n) => computed.selfMs[n.index]! > 0) : []);
      }
      return path;
    },
  };
}
