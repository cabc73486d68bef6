import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TraceModelBuilder, buildTraceModel } from '../../src/trace/model-builder.ts';
import { ancestorsOf, findSpanByKey, parentItem, type SpanNode, type TraceView, type TreeItem } from '../../src/trace/model.ts';
import { parseOtlpJson } from '../../src/trace/otlp-import.ts';
import { formatDuration } from '../../src/trace/viewer/format.ts';
import { axisTicks, clampWindow, zoomWindow } from '../../src/trace/viewer/time-axis.ts';
import { visibleRows } from '../../src/trace/viewer/visible-rows.ts';
import { CHECKOUT_TRACE_ID, at, checkoutTrace, generateBigTrace, spanRecord } from '../helpers/trace-fixtures.ts';

const names = (items: readonly TreeItem[]) => items.map((item) => (item.kind === 'span' ? item.record.name : `[${item.kind}]`));
const span = (trace: TraceView, name: string): SpanNode => {
  const found = trace.items.find((item): item is SpanNode => item.kind === 'span' && item.record.name === name);
  if (!found) throw new Error(`no span named ${name}`);
  return found;
};

describe('buildTraceModel: the checkout trace of lesson 1', () => {
  const model = buildTraceModel(checkoutTrace());
  const trace = model.traces[0]!;

  it('builds one tree, children in start order, whatever order the spans ended in', () => {
    expect(model.traces).toHaveLength(1);
    expect(trace.traceId).toBe(CHECKOUT_TRACE_ID);
    expect(trace.title).toBe('POST /checkout');
    expect(names(trace.items)).toEqual(['POST /checkout', 'auth middleware', 'validate cart', 'charge payment', 'stripe api call', 'save order to db']);
    expect(trace.items.map((item) => item.depth)).toEqual([0, 1, 1, 1, 2, 1]);
    expect(trace.items.map((item) => item.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(trace.roots.map((root) => root.record.name)).toEqual(['POST /checkout']);
    expect(span(trace, 'stripe api call').parent?.record.name).toBe('charge payment');
    expect(trace.missingParent).toBeUndefined();
  });

  it('knows subtree sizes and sibling positions (contiguous subtrees, aria-posinset/setsize)', () => {
    expect(trace.items.map((item) => item.descendantCount)).toEqual([5, 0, 0, 1, 0, 0]);
    expect(trace.items.map((item) => `${item.position}/${item.siblingCount}`)).toEqual(['1/1', '1/4', '2/4', '3/4', '1/1', '4/4']);
  });

  it('places spans on one time axis in ms from the trace start', () => {
    const charge = span(trace, 'charge payment');
    expect(charge.startMs).toBeCloseTo(26, 9);
    expect(charge.durationMs).toBeCloseTo(380, 9);
    expect(span(trace, 'save order to db').endMs).toBeCloseTo(425, 9);
    expect(trace.durationMs).toBeCloseTo(450, 9);
    expect(trace.startUnixNano).toBe(at(0));
  });

  it('gives each service one index, shared by every trace of the model', () => {
    expect(model.services).toEqual(['checkout-service', 'stripe']);
    expect(trace.services).toEqual([0, 1]);
    expect(span(trace, 'stripe api call').serviceIndex).toBe(1);
    expect(span(trace, 'stripe api call').service).toBe('stripe');
  });

  it('counts nothing unusual in a clean trace', () => {
    expect([trace.orphanCount, trace.duplicateCount, trace.skewCount, trace.unfinishedCount, trace.zeroDurationCount, trace.errorCount]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('counts errors', () => {
    const failed = buildTraceModel(checkoutTrace({ failed: true })).traces[0]!;
    expect(failed.errorCount).toBe(3);
    expect(span(failed, 'stripe api call').isError).toBe(true);
    expect(span(failed, 'validate cart').isError).toBe(false);
  });
});

describe('buildTraceModel: time', () => {
  it('keeps nanosecond precision on real Unix times (which do not fit a double)', () => {
    const base = 1_764_000_000_123_456_789n;
    const records = [
      spanRecord({ name: 'a', spanId: '0000000000000001', startTimeUnixNano: base.toString(), endTimeUnixNano: (base + 1n).toString() }),
      spanRecord({ name: 'b', spanId: '0000000000000002', startTimeUnixNano: (base + 3n).toString(), endTimeUnixNano: (base + 1_000_000_007n).toString() }),
    ];
    const trace = buildTraceModel(records).traces[0]!;
    expect(span(trace, 'a').durationMs).toBeCloseTo(0.000001, 12);
    expect(span(trace, 'b').startMs).toBeCloseTo(0.000003, 12);
    expect(span(trace, 'b').durationMs).toBeCloseTo(1000.000004, 9);
  });

  it('flags zero-duration spans and still draws them', () => {
    const trace = buildTraceModel([spanRecord({ name: 'root', spanId: '0000000000000001', start: 0, end: 10 }), spanRecord({ name: 'instant', spanId: '0000000000000002', parentSpanId: '0000000000000001', start: 5, end: 5 })]).traces[0]!;
    expect(span(trace, 'instant').durationMs).toBe(0);
    expect(trace.zeroDurationCount).toBe(1);
    expect(span(trace, 'instant').startMs).toBeCloseTo(5, 9);
  });

  it('draws unfinished spans to the end of the trace, with no duration', () => {
    const ended = [spanRecord({ name: 'root', spanId: '0000000000000001', start: 0, end: 100 })];
    const open = [spanRecord({ name: 'hanging', spanId: '0000000000000002', parentSpanId: '0000000000000001', start: 40, end: undefined })];
    const trace = buildTraceModel(ended, open).traces[0]!;
    const hanging = span(trace, 'hanging');
    expect(hanging.unfinished).toBe(true);
    expect(hanging.durationMs).toBeUndefined();
    expect(hanging.endMs).toBeCloseTo(100, 9);
    expect(hanging.endsAfterParent).toBe(false);
    expect(trace.unfinishedCount).toBe(1);
  });

  it('extends the axis to an unfinished span that started after everything ended', () => {
    const trace = buildTraceModel([spanRecord({ name: 'root', spanId: '0000000000000001', start: 0, end: 10 })], [spanRecord({ name: 'late', spanId: '0000000000000002', start: 30, end: undefined })]).traces[0]!;
    expect(trace.durationMs).toBeCloseTo(30, 9);
  });
});

describe('buildTraceModel: imperfect input', () => {
  it('lists several traces from one run, earliest first, each its own tree', () => {
    const second = checkoutTrace().map((record) => ({ ...record, traceId: 'b'.repeat(32), startTimeUnixNano: (BigInt(record.startTimeUnixNano) - 10n ** 9n).toString(), endTimeUnixNano: (BigInt(record.endTimeUnixNano!) - 10n ** 9n).toString() }));
    const model = buildTraceModel([...checkoutTrace(), ...second]);
    expect(model.traces.map((trace) => trace.traceId)).toEqual(['b'.repeat(32), CHECKOUT_TRACE_ID]);
    expect(model.traces.map((trace) => trace.spanCount)).toEqual([6, 6]);
    expect(model.spanCount).toBe(12);
    // Times are from each trace's own start.
    expect(span(model.traces[0]!, 'charge payment').startMs).toBeCloseTo(26, 6);
  });

  it('groups orphans under "missing parent", keeping their subtrees', () => {
    const records = [
      spanRecord({ name: 'root', spanId: '0000000000000001', start: 0, end: 50 }),
      spanRecord({ name: 'orphan b', spanId: '0000000000000003', parentSpanId: 'ffffffffffffffff', start: 20, end: 30 }),
      spanRecord({ name: 'orphan a', spanId: '0000000000000002', parentSpanId: 'eeeeeeeeeeeeeeee', start: 10, end: 40 }),
      spanRecord({ name: 'child of a', spanId: '0000000000000004', parentSpanId: '0000000000000002', start: 12, end: 20 }),
    ];
    const trace = buildTraceModel(records).traces[0]!;
    expect(names(trace.items)).toEqual(['root', '[missing-parent]', 'orphan a', 'child of a', 'orphan b']);
    expect(trace.items.map((item) => item.depth)).toEqual([0, 0, 1, 2, 1]);
    const group = trace.missingParent!;
    expect(group.descendantCount).toBe(3);
    expect(group.missingParentIds).toEqual(['ffffffffffffffff', 'eeeeeeeeeeeeeeee']);
    expect(trace.orphanCount).toBe(2);
    expect(trace.topLevel.map((item) => item.kind)).toEqual(['span', 'missing-parent']);
    expect(span(trace, 'orphan a').orphan).toBe(true);
    expect(span(trace, 'child of a').orphan).toBe(false);
    expect(parentItem(trace, span(trace, 'orphan a'))).toBe(group);
    expect(names(ancestorsOf(trace, span(trace, 'child of a')))).toEqual(['child of a', 'orphan a', '[missing-parent]']);
  });

  it('imports the opentelemetry-proto style example: its one SERVER span has an absent parent', () => {
    const { records } = parseOtlpJson(readFileSync(new URL('../fixtures/otlp/example-trace.json', import.meta.url), 'utf8'));
    const trace = buildTraceModel(records).traces[0]!;
    expect(trace.roots).toEqual([]);
    expect(names(trace.items)).toEqual(['[missing-parent]', 'POST /checkout']);
    expect(trace.missingParent!.missingParentIds).toEqual(['badc0ffee0ddf00d']);
    expect(trace.title).toBe('POST /checkout');
    expect(trace.durationMs).toBeCloseTo(450, 9);
    expect(findSpanByKey(trace, 'C0FFEE00DECAF001')?.record.name).toBe('POST /checkout');
  });

  it('keeps every span that reuses an id, flags them, and gives each a unique key', () => {
    const records = [
      spanRecord({ name: 'root', spanId: '0000000000000001', start: 0, end: 50 }),
      spanRecord({ name: 'first', spanId: '00000000000000dd', parentSpanId: '0000000000000001', start: 5, end: 10 }),
      spanRecord({ name: 'second', spanId: '00000000000000dd', parentSpanId: '0000000000000001', start: 20, end: 30 }),
      spanRecord({ name: 'child', spanId: '0000000000000009', parentSpanId: '00000000000000dd', start: 6, end: 8 }),
    ];
    const trace = buildTraceModel(records).traces[0]!;
    expect(names(trace.items)).toEqual(['root', 'first', 'child', 'second']);
    expect(span(trace, 'first').duplicateId && span(trace, 'second').duplicateId).toBe(true);
    expect(span(trace, 'root').duplicateId).toBe(false);
    expect(trace.duplicateCount).toBe(2);
    expect([span(trace, 'first').key, span(trace, 'second').key]).toEqual(['00000000000000dd', '00000000000000dd~2']);
    expect(findSpanByKey(trace, '00000000000000dd~2')?.record.name).toBe('second');
  });

  it('flags children outside their parent (clock skew) and keeps their own times', () => {
    const records = [
      spanRecord({ name: 'parent', spanId: '0000000000000001', start: 10, end: 50 }),
      spanRecord({ name: 'early', spanId: '0000000000000002', parentSpanId: '0000000000000001', start: 4, end: 20 }),
      spanRecord({ name: 'late', spanId: '0000000000000003', parentSpanId: '0000000000000001', start: 30, end: 70 }),
      spanRecord({ name: 'inside', spanId: '0000000000000004', parentSpanId: '0000000000000001', start: 20, end: 30 }),
    ];
    const trace = buildTraceModel(records).traces[0]!;
    expect(names(trace.items)).toEqual(['parent', 'early', 'inside', 'late']);
    expect([span(trace, 'early').startsBeforeParent, span(trace, 'early').endsAfterParent]).toEqual([true, false]);
    expect([span(trace, 'late').startsBeforeParent, span(trace, 'late').endsAfterParent]).toEqual([false, true]);
    expect([span(trace, 'inside').startsBeforeParent, span(trace, 'inside').endsAfterParent]).toEqual([false, false]);
    expect(trace.skewCount).toBe(2);
    // The axis starts at the earliest span, the child that started before its parent.
    expect(span(trace, 'early').startMs).toBe(0);
    expect(span(trace, 'parent').startMs).toBeCloseTo(6, 9);
    expect(trace.durationMs).toBeCloseTo(66, 9);
  });

  it('does not call the SDK’s whole-millisecond start times clock skew (1 ms or less)', () => {
    const trace = buildTraceModel([
      spanRecord({ name: 'parent', spanId: '0000000000000001', start: 0, end: 11.1 }),
      spanRecord({ name: 'jitter', spanId: '0000000000000002', parentSpanId: '0000000000000001', start: 10, end: 11.9 }),
      spanRecord({ name: 'skewed', spanId: '0000000000000003', parentSpanId: '0000000000000001', start: 10, end: 12.3 }),
    ]).traces[0]!;
    expect(span(trace, 'jitter').endsAfterParent).toBe(false);
    expect(span(trace, 'skewed').endsAfterParent).toBe(true);
    expect(trace.skewCount).toBe(1);
  });

  it('breaks parent cycles (and self-parents) into orphans instead of looping or losing spans', () => {
    const records = [
      spanRecord({ name: 'a', spanId: '000000000000000a', parentSpanId: '000000000000000b', start: 5, end: 9 }),
      spanRecord({ name: 'b', spanId: '000000000000000b', parentSpanId: '000000000000000a', start: 1, end: 9 }),
      spanRecord({ name: 'below', spanId: '000000000000000c', parentSpanId: '000000000000000a', start: 6, end: 7 }),
      spanRecord({ name: 'self', spanId: '000000000000000d', parentSpanId: '000000000000000d', start: 2, end: 3 }),
    ];
    const trace = buildTraceModel(records).traces[0]!;
    expect(trace.spanCount).toBe(4);
    expect(names(trace.items)).toEqual(['[missing-parent]', 'b', 'a', 'below', 'self']);
    expect(trace.items.map((item) => item.depth)).toEqual([0, 1, 2, 3, 1]);
    expect(span(trace, 'b').orphan).toBe(true);
  });

  it('names a span without service.name "unknown service"', () => {
    const trace = buildTraceModel([spanRecord({ name: 'x', spanId: '0000000000000001', resource: {} })]);
    expect(trace.services).toEqual(['unknown service']);
  });
});

describe('buildTraceModel: scale', () => {
  it('builds a 100,000-span chain without overflowing the stack', () => {
    const n = 100_000;
    const records = Array.from({ length: n }, (_, i) =>
      spanRecord({ name: `s${i}`, spanId: (i + 1).toString(16).padStart(16, '0'), ...(i > 0 ? { parentSpanId: i.toString(16).padStart(16, '0') } : {}), start: i * 0.001, end: 1000 - i * 0.001 }),
    );
    const trace = buildTraceModel(records.reverse()).traces[0]!;
    expect(trace.items).toHaveLength(n);
    expect(trace.items[n - 1]!.depth).toBe(n - 1);
    expect(trace.items[0]!.descendantCount).toBe(n - 1);
  });

  it('builds a big random trace the same in batches as in one go', () => {
    const records = generateBigTrace({ spans: 20_000, seed: 7 });
    const whole = buildTraceModel(records).traces[0]!;
    const builder = new TraceModelBuilder();
    for (let i = 0; i < records.length; i += 1_500) builder.add(records.slice(i, i + 1_500));
    const batched = builder.finish().traces[0]!;
    expect(batched.items.map((item) => item.key)).toEqual(whole.items.map((item) => item.key));
    expect(whole.items).toHaveLength(20_000);
    expect(whole.orphanCount + whole.skewCount + whole.duplicateCount).toBe(0);
    // Depth-first order: every item's subtree is the contiguous range after it.
    for (const item of whole.items) {
      if (item.kind !== 'span' || !item.parent) continue;
      expect(item.index).toBeGreaterThan(item.parent.index);
      expect(item.index).toBeLessThanOrEqual(item.parent.index + item.parent.descendantCount);
    }
  });
});

describe('visibleRows', () => {
  const trace = buildTraceModel(checkoutTrace()).traces[0]!;
  const all = () => new Uint8Array(trace.items.length).fill(1);

  it('shows everything when everything is expanded', () => {
    const rows = visibleRows(trace, all());
    expect(Array.from(rows.items)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(rows.rowOf)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('skips a collapsed subtree and hides everything below a collapsed root', () => {
    const expanded = all();
    expanded[span(trace, 'charge payment').index] = 0;
    expect(names(Array.from(visibleRows(trace, expanded).items, (i) => trace.items[i]!))).toEqual(['POST /checkout', 'auth middleware', 'validate cart', 'charge payment', 'save order to db']);
    expect(visibleRows(trace, expanded).rowOf[span(trace, 'stripe api call').index]).toBe(-1);
    expanded[0] = 0;
    expect(Array.from(visibleRows(trace, expanded).items)).toEqual([0]);
  });

  it('keeps only the given items (matches and their ancestors), still honouring collapse', () => {
    const only = new Uint8Array(trace.items.length);
    for (const name of ['POST /checkout', 'charge payment', 'stripe api call']) only[span(trace, name).index] = 1;
    expect(names(Array.from(visibleRows(trace, all(), only).items, (i) => trace.items[i]!))).toEqual(['POST /checkout', 'charge payment', 'stripe api call']);
    const expanded = all();
    expanded[span(trace, 'charge payment').index] = 0;
    expect(visibleRows(trace, expanded, only).items).toHaveLength(2);
  });
});

describe('the time axis', () => {
  it('puts "nice" ticks on the window, labelled from the trace start', () => {
    expect(axisTicks({ start: 0, end: 450 }).ticks.map((t) => t.label)).toEqual(['0 ms', '100 ms', '200 ms', '300 ms', '400 ms']);
    const zoomed = axisTicks({ start: 45, end: 135 });
    expect(zoomed.ticks.map((t) => t.label)).toEqual(['60 ms', '80 ms', '100 ms', '120 ms']);
    expect(zoomed.ticks[0]!.percent).toBeCloseTo((15 / 90) * 100, 9);
    expect(zoomed.spacingPercent).toBeCloseTo((20 / 90) * 100, 9);
    expect(axisTicks({ start: 0, end: 0 }).ticks.length).toBeGreaterThan(0);
  });

  it('keeps zoom and pan inside the trace', () => {
    expect(zoomWindow({ start: 0, end: 100 }, 100, 0.5, 90)).toEqual({ start: 45, end: 95 });
    expect(zoomWindow({ start: 0, end: 100 }, 100, 4)).toEqual({ start: 0, end: 100 });
    expect(clampWindow({ start: 80, end: 130 }, 100)).toEqual({ start: 50, end: 100 });
  });

  it('writes durations from nanoseconds to minutes', () => {
    expect([0, 0.00004, 0.0123, 0.5, 4.2, 12.5, 380, 2050, 65_000].map(formatDuration)).toEqual(['0 ms', '40 ns', '12.3 µs', '500 µs', '4.2 ms', '12.5 ms', '380 ms', '2.05 s', '1 min 5 s']);
  });
});
