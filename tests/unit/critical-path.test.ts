import { describe, expect, it } from 'vitest';
import { computeCriticalPath, segmentsOf, type CriticalPath } from '../../src/trace/critical-path.ts';
import { buildTraceModel } from '../../src/trace/model-builder.ts';
import type { SpanNode, TraceView } from '../../src/trace/model.ts';
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { checkoutTrace, generateBigTrace, spanRecord } from '../helpers/trace-fixtures.ts';

const id = (n: number) => n.toString(16).padStart(16, '0');
const span = (trace: TraceView, name: string): SpanNode => {
  const found = trace.items.find((item): item is SpanNode => item.kind === 'span' && item.record.name === name);
  if (!found) throw new Error(`no span named ${name}`);
  return found;
};
const pathOf = (records: SpanRecord[]) => {
  const trace = buildTraceModel(records).traces[0]!;
  return { trace, path: computeCriticalPath(trace)! };
};
const self = (trace: TraceView, path: CriticalPath, name: string) => path.selfMs[span(trace, name).index]!;
const sum = (values: Float64Array) => values.reduce((a, b) => a + b, 0);

describe('computeCriticalPath: the checkout example', () => {
  const { trace, path } = pathOf(checkoutTrace());

  it('makes the payment call and its Stripe call the bottleneck', () => {
    expect(path.bottleneck.map((node) => node.record.name)).toEqual(['charge payment', 'stripe api call']);
    expect(path.isBottleneck[span(trace, 'stripe api call').index]).toBe(1);
    expect(path.isBottleneck[span(trace, 'auth middleware').index]).toBe(0);
    expect(path.isBottleneck[0]).toBe(0);
  });

  it('splits the 450 ms between the spans the request waited for', () => {
    expect(path.root.record.name).toBe('POST /checkout');
    expect(path.totalMs).toBeCloseTo(450, 9);
    expect(self(trace, path, 'stripe api call')).toBeCloseTo(375, 6);
    expect(self(trace, path, 'charge payment')).toBeCloseTo(5, 6);
    expect(self(trace, path, 'save order to db')).toBeCloseTo(15, 6);
    expect(self(trace, path, 'auth middleware')).toBeCloseTo(12, 6);
    expect(self(trace, path, 'POST /checkout')).toBeCloseTo(450 - 12 - 8 - 380 - 15, 6);
    expect(path.subtreeMs[span(trace, 'charge payment').index]).toBeCloseTo(380, 6);
    expect(sum(path.selfMs)).toBeCloseTo(450, 6);
  });

  it('keeps each span’s segments in time order', () => {
    const root = segmentsOf(path, 0);
    expect(root.map(([s, e]) => [Number(s.toFixed(6)), Number(e.toFixed(6))])).toEqual([
      [0, 2],
      [14, 15],
      [23, 26],
      [406, 410],
      [425, 450],
    ]);
    expect(segmentsOf(path, span(trace, 'charge payment').index).map(([s, e]) => [Math.round(s), Math.round(e)])).toEqual([
      [26, 28],
      [403, 406],
    ]);
  });
});

describe('computeCriticalPath: rules', () => {
  it('follows the last-finishing child, and resumes in the parent where that child started', () => {
    const { trace, path } = pathOf([
      spanRecord({ name: 'parent', spanId: id(1), start: 0, end: 100 }),
      spanRecord({ name: 'first', spanId: id(2), parentSpanId: id(1), start: 5, end: 20 }),
      spanRecord({ name: 'parallel', spanId: id(3), parentSpanId: id(1), start: 30, end: 60 }),
      spanRecord({ name: 'last', spanId: id(4), parentSpanId: id(1), start: 30, end: 90 }),
    ]);
    expect(self(trace, path, 'last')).toBeCloseTo(60, 9);
    // `parallel` ran alongside `last` and ended first: the parent did not wait for it.
    expect(self(trace, path, 'parallel')).toBe(0);
    expect(self(trace, path, 'first')).toBeCloseTo(15, 9);
    expect(self(trace, path, 'parent')).toBeCloseTo(25, 9);
  });

  it('keeps a step on the path when its clock makes it overlap the next step slightly', () => {
    // Coarse, jittery browser timers: `charge` seems to end 0.2 ms after `save` starts.
    const { trace, path } = pathOf([
      spanRecord({ name: 'request', spanId: id(1), start: 0, end: 12.6 }),
      spanRecord({ name: 'auth', spanId: id(5), parentSpanId: id(1), start: 0.5, end: 2.4 }),
      spanRecord({ name: 'validate', spanId: id(6), parentSpanId: id(1), start: 2.6, end: 4.3 }),
      spanRecord({ name: 'charge', spanId: id(2), parentSpanId: id(1), start: 5, end: 11.7 }),
      spanRecord({ name: 'stripe', spanId: id(3), parentSpanId: id(2), start: 7, end: 11.2 }),
      spanRecord({ name: 'save', spanId: id(4), parentSpanId: id(1), start: 11.5, end: 12.6 }),
    ]);
    expect(self(trace, path, 'stripe')).toBeCloseTo(4.2, 9);
    expect(self(trace, path, 'charge')).toBeCloseTo(2.3, 9);
    expect(self(trace, path, 'save')).toBeCloseTo(1.1, 9);
    expect(sum(path.selfMs)).toBeCloseTo(12.6, 9);
    expect(path.bottleneck.map((node) => node.record.name)).toEqual(['charge', 'stripe']);
  });

  it('walks back through sequential children, with parent time in the gaps', () => {
    const { trace, path } = pathOf([
      spanRecord({ name: 'parent', spanId: id(1), start: 0, end: 100 }),
      spanRecord({ name: 'one', spanId: id(2), parentSpanId: id(1), start: 10, end: 30 }),
      spanRecord({ name: 'two', spanId: id(3), parentSpanId: id(1), start: 40, end: 60 }),
      spanRecord({ name: 'three', spanId: id(4), parentSpanId: id(1), start: 70, end: 80 }),
    ]);
    expect([self(trace, path, 'one'), self(trace, path, 'two'), self(trace, path, 'three')]).toEqual([20, 20, 10].map((n) => expect.closeTo(n, 9)));
    expect(self(trace, path, 'parent')).toBeCloseTo(50, 9);
  });

  it('clips a child that overflows its parent (clock skew) to the parent’s time', () => {
    const { trace, path } = pathOf([
      spanRecord({ name: 'parent', spanId: id(1), start: 10, end: 100 }),
      spanRecord({ name: 'skewed', spanId: id(2), parentSpanId: id(1), start: 0, end: 150 }),
    ]);
    expect(self(trace, path, 'skewed')).toBeCloseTo(90, 9);
    expect(path.totalMs).toBeCloseTo(90, 9);
    expect(sum(path.selfMs)).toBeCloseTo(90, 9);
  });

  it('leaves out unfinished spans, and zero-length ones hold no time', () => {
    const trace = buildTraceModel(
      [spanRecord({ name: 'parent', spanId: id(1), start: 0, end: 100 }), spanRecord({ name: 'instant', spanId: id(3), parentSpanId: id(1), start: 50, end: 50 })],
      [spanRecord({ name: 'open', spanId: id(2), parentSpanId: id(1), start: 20, end: undefined })],
    ).traces[0]!;
    const path = computeCriticalPath(trace)!;
    expect(self(trace, path, 'open')).toBe(0);
    expect(self(trace, path, 'instant')).toBe(0);
    expect(self(trace, path, 'parent')).toBeCloseTo(100, 9);
  });

  it('leaves out the spans it is told to, with their children, and never starts from one', () => {
    const records = [
      spanRecord({ name: 'request', spanId: id(1), start: 0, end: 100 }),
      spanRecord({ name: 'work', spanId: id(2), parentSpanId: id(1), start: 10, end: 40 }),
      // Drawn for comparison only (a span only the reference has): the request did not wait for it.
      spanRecord({ name: 'not in the trace', spanId: id(3), parentSpanId: id(1), start: 50, end: 95 }),
      spanRecord({ name: 'under it', spanId: id(4), parentSpanId: id(3), start: 60, end: 90 }),
      spanRecord({ name: 'longer, not in the trace', spanId: id(5), start: 0, end: 300 }),
    ];
    const trace = buildTraceModel(records).traces[0]!;
    const leaveOut = (node: SpanNode) => node.record.name.endsWith('not in the trace');
    const path = computeCriticalPath(trace, leaveOut)!;
    expect(path.root.record.name).toBe('request');
    expect(self(trace, path, 'not in the trace')).toBe(0);
    expect(self(trace, path, 'under it')).toBe(0);
    expect(segmentsOf(path, span(trace, 'not in the trace').index)).toEqual([]);
    expect(self(trace, path, 'work')).toBeCloseTo(30, 9);
    expect(self(trace, path, 'request')).toBeCloseTo(70, 9);
    // Without it, the path starts from the longest root.
    const whole = computeCriticalPath(trace)!;
    expect(whole.root.record.name).toBe('longer, not in the trace');
  });

  it('starts from the longest root, or from an orphan when there is no root', () => {
    const { trace, path } = pathOf([
      spanRecord({ name: 'orphan', spanId: id(1), parentSpanId: id(99), start: 0, end: 40 }),
      spanRecord({ name: 'its child', spanId: id(2), parentSpanId: id(1), start: 5, end: 35 }),
    ]);
    expect(path.root.record.name).toBe('orphan');
    expect(path.bottleneck.map((node) => node.record.name)).toEqual(['its child']);
    expect(trace.roots).toEqual([]);
  });

  it('finds no path when nothing ended', () => {
    const trace = buildTraceModel([], [spanRecord({ name: 'open', spanId: id(1), start: 0, end: undefined })]).traces[0]!;
    expect(computeCriticalPath(trace)).toBeUndefined();
  });

  it('names no bottleneck when the root’s own time is the largest', () => {
    const { path } = pathOf([spanRecord({ name: 'parent', spanId: id(1), start: 0, end: 100 }), spanRecord({ name: 'child', spanId: id(2), parentSpanId: id(1), start: 0, end: 30 })]);
    expect(path.bottleneck).toEqual([]);
  });

  it('names the span with the most time of its own, with the ancestors that lead to it', () => {
    const { path } = pathOf([
      spanRecord({ name: 'root', spanId: id(1), start: 0, end: 100 }),
      spanRecord({ name: 'handler', spanId: id(2), parentSpanId: id(1), start: 0, end: 100 }),
      spanRecord({ name: 'query', spanId: id(3), parentSpanId: id(2), start: 10, end: 20 }),
      spanRecord({ name: 'render', spanId: id(4), parentSpanId: id(2), start: 20, end: 60 }),
    ]);
    // handler's own time is 50 ms, render's 40: neither clearly leads.
    expect(path.bottleneck).toEqual([]);
    const slow = pathOf([
      spanRecord({ name: 'root', spanId: id(1), start: 0, end: 100 }),
      spanRecord({ name: 'handler', spanId: id(2), parentSpanId: id(1), start: 0, end: 100 }),
      spanRecord({ name: 'query', spanId: id(3), parentSpanId: id(2), start: 5, end: 10 }),
      spanRecord({ name: 'render', spanId: id(4), parentSpanId: id(2), start: 10, end: 90 }),
    ]).path;
    expect(slow.bottleneck.map((node) => node.record.name)).toEqual(['handler', 'render']);
  });

  it('names no bottleneck when no span stands out', () => {
    const { path } = pathOf([
      spanRecord({ name: 'parent', spanId: id(1), start: 0, end: 100 }),
      spanRecord({ name: 'a', spanId: id(2), parentSpanId: id(1), start: 0, end: 40 }),
      spanRecord({ name: 'b', spanId: id(3), parentSpanId: id(1), start: 50, end: 90 }),
    ]);
    expect(path.bottleneck).toEqual([]);
  });
});

describe('computeCriticalPath: scale (linear walk, no recursion)', () => {
  it('covers the root exactly once on a big random trace', () => {
    const { path } = pathOf(generateBigTrace({ spans: 30_000, seed: 3 }));
    expect(sum(path.selfMs)).toBeCloseTo(path.totalMs, 3);
    expect(path.segmentOffsets[path.segmentOffsets.length - 1]! * 2).toBe(path.segmentTimes.length);
  });

  it('handles 100,000 sequential children of one span and a 100,000-deep chain', () => {
    const n = 100_000;
    const wide = [spanRecord({ name: 'root', spanId: id(1), start: 0, end: n })];
    for (let i = 0; i < n; i++) wide.push(spanRecord({ name: `c${i}`, spanId: id(i + 2), parentSpanId: id(1), start: i + 0.25, end: i + 0.75 }));
    const widePath = pathOf(wide).path;
    expect(widePath.selfMs[0]).toBeCloseTo(n / 2, 3);
    expect(widePath.segmentOffsets[1]).toBe(n + 1);

    const deep = Array.from({ length: n }, (_, i) => spanRecord({ name: `d${i}`, spanId: id(i + 1), ...(i ? { parentSpanId: id(i) } : {}), start: i * 0.001, end: 1000 - i * 0.001 }));
    const deepPath = pathOf(deep).path;
    expect(sum(deepPath.selfMs)).toBeCloseTo(1000, 3);
    expect(deepPath.bottleneck).toHaveLength(n - 1);
  });
});
