import { describe, expect, it } from 'vitest';
import { compareTraces, diffAttributes, isVolatileAttribute, type SpanComparison, type TraceComparison } from '../../src/trace/compare.ts';
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { TraceBuilder as Builder } from '../helpers/span-builder.ts';

/** Ended and unfinished spans alike, as the comparison takes them. */
class TraceBuilder extends Builder {
  records(): SpanRecord[] {
    return [...this.spans, ...this.unfinished];
  }
}

/** The reference: a checkout with four steps and a client call inside `charge payment`. */
function referenceTrace(): SpanRecord[] {
  const t = new TraceBuilder();
  const root = t.span('POST /checkout', { kind: 'SERVER', start: 0, end: 100 });
  t.span('auth', { parent: root, start: 1, end: 10, attributes: { 'shop.operation': 'verifyToken' } });
  const charge = t.span('charge payment', { parent: root, start: 11, end: 60 });
  t.span('stripe api call', { parent: charge, kind: 'CLIENT', start: 12, end: 58, attributes: { 'order.id': 'a1', 'http.status_code': 200 } });
  t.span('save order', { parent: root, start: 61, end: 99 });
  return t.records();
}

/** Each merged row by span name (first one of that name), for readable assertions. */
function byName(result: TraceComparison): Map<string, SpanComparison & { parentName: string | undefined }> {
  const records = [...result.spans, ...result.unfinished];
  const idToName = new Map(records.map((r) => [r.spanId, r.name]));
  const out = new Map<string, SpanComparison & { parentName: string | undefined }>();
  for (const r of records) {
    if (!out.has(r.name)) out.set(r.name, { ...result.bySpanId.get(r.spanId)!, parentName: r.parentSpanId ? idToName.get(r.parentSpanId) : undefined });
  }
  return out;
}

describe('compareTraces', () => {
  it('matches every span of an identical trace whatever its ids and times', () => {
    const later = referenceTrace().map(
      (r): SpanRecord => ({
        ...r,
        traceId: 'f'.repeat(32),
        spanId: `1${r.spanId.slice(1)}`,
        ...(r.parentSpanId ? { parentSpanId: `1${r.parentSpanId.slice(1)}` } : {}),
        startTimeUnixNano: String(BigInt(r.startTimeUnixNano) + 5_000_000_000n),
        endTimeUnixNano: String(BigInt(r.endTimeUnixNano!) + 5_000_000_000n),
      }),
    );
    const result = compareTraces(later, referenceTrace());
    expect(result.counts).toEqual({ matched: 5, missing: 0, extra: 0, moved: 0, differ: 0 });
    expect(result.spans).toHaveLength(5);
    const stripe = byName(result).get('stripe api call')!;
    expect(stripe.yoursMs).toBeCloseTo(46);
    expect(stripe.referenceMs).toBeCloseTo(46);
    expect(stripe.yoursStartMs).toBeCloseTo(12);
    expect(stripe.referenceStartMs).toBeCloseTo(12);
  });

  it('marks missing, extra and moved spans, and puts a missing span under the learner’s matching parent on the learner’s timeline', () => {
    const t = new TraceBuilder();
    const root = t.span('POST /checkout', { kind: 'SERVER', start: 1000, end: 1080 });
    t.span('auth', { parent: root, start: 1001, end: 1005, attributes: { 'shop.operation': 'verifyToken' } });
    t.span('charge payment', { parent: root, start: 1006, end: 1030 });
    // The client call outside `charge payment`, a span the reference does not have, no `save order`.
    t.span('stripe api call', { parent: root, kind: 'CLIENT', start: 1031, end: 1050, attributes: { 'order.id': 'b2', 'http.status_code': 200 } });
    t.span('log', { parent: root, start: 1051, end: 1052 });
    const result = compareTraces(t.records(), referenceTrace());
    const rows = byName(result);
    expect(result.counts).toEqual({ matched: 3, missing: 1, extra: 1, moved: 1, differ: 0 });
    expect(rows.get('stripe api call')).toMatchObject({ state: 'moved', referenceParent: 'charge payment', parentName: 'POST /checkout' });
    expect(rows.get('log')).toMatchObject({ state: 'extra', reference: undefined });
    const missing = rows.get('save order')!;
    expect(missing).toMatchObject({ state: 'missing', yours: undefined, parentName: 'POST /checkout', yoursMs: undefined });
    const record = result.spans.find((r) => r.name === 'save order')!;
    // 61 to 99 ms in the reference; the learner's request ends at 80 ms, so the made-up span
    // moves back inside it (38 ms long, it ends where its parent ends) rather than sticking out.
    expect(Number(BigInt(record.startTimeUnixNano) - BigInt(root.startTimeUnixNano)) / 1e6).toBeCloseTo(42);
    expect(record.endTimeUnixNano).toBe(root.endTimeUnixNano);
    expect(record.traceId).toBe(root.traceId);
    expect(new Set([...result.spans].map((r) => r.spanId)).size).toBe(result.spans.length);
  });

  it('marks everything under a missing span missing, and the whole reference when the learner has no spans', () => {
    const result = compareTraces([], referenceTrace());
    expect(result.counts).toEqual({ matched: 0, missing: 5, extra: 0, moved: 0, differ: 0 });
    const rows = byName(result);
    expect(rows.get('stripe api call')!.parentName).toBe('charge payment');
    expect(rows.get('POST /checkout')!.parentName).toBeUndefined();
  });

  it('starts a missing span as long after its matching parent as in the reference', () => {
    const t = new TraceBuilder();
    const root = t.span('POST /checkout', { kind: 'SERVER', start: 500, end: 700 });
    t.span('auth', { parent: root, start: 501, end: 505, attributes: { 'shop.operation': 'verifyToken' } });
    const charge = t.span('charge payment', { parent: root, start: 520, end: 600 });
    const result = compareTraces(t.records(), referenceTrace());
    const stripe = result.spans.find((r) => r.name === 'stripe api call')!;
    // 1 ms after `charge payment` starts, as in the reference (12 - 11).
    expect(Number(BigInt(stripe.startTimeUnixNano) - BigInt(charge.startTimeUnixNano)) / 1e6).toBeCloseTo(1);
    expect(stripe.parentSpanId).toBe(charge.spanId);
  });

  it('places the reference’s start of a paired span within its parent, not from the trace start', () => {
    const t = new TraceBuilder();
    // The learner's `auth` ran long, so everything after it starts later than in the reference.
    const root = t.span('POST /checkout', { kind: 'SERVER', start: 0, end: 150 });
    t.span('auth', { parent: root, start: 1, end: 40, attributes: { 'shop.operation': 'verifyToken' } });
    const charge = t.span('charge payment', { parent: root, start: 41, end: 90 });
    t.span('stripe api call', { parent: charge, kind: 'CLIENT', start: 44, end: 88, attributes: { 'order.id': 'b2', 'http.status_code': 200 } });
    t.span('save order', { parent: root, start: 100, end: 140 });
    const rows = byName(compareTraces(t.records(), referenceTrace()));
    expect(rows.get('POST /checkout')!.referenceShiftMs).toBe(0);
    expect(rows.get('auth')!.referenceShiftMs).toBeCloseTo(0, 9);
    // 11 ms after the request in the reference, 41 in yours.
    expect(rows.get('charge payment')!.referenceShiftMs).toBeCloseTo(-30, 9);
    // 1 ms into `charge payment` in the reference, 3 ms in yours: not the 30 ms drift of its parent.
    expect(rows.get('stripe api call')!.referenceShiftMs).toBeCloseTo(-2, 9);
    expect(rows.get('save order')!.referenceShiftMs).toBeCloseTo(-39, 9);
  });

  it('gives no reference timing to extra and missing spans, and no shift to a moved one', () => {
    const t = new TraceBuilder();
    const root = t.span('POST /checkout', { kind: 'SERVER', start: 0, end: 80 });
    t.span('stripe api call', { parent: root, kind: 'CLIENT', start: 30, end: 50 });
    t.span('log', { parent: root, start: 51, end: 52 });
    const rows = byName(compareTraces(t.records(), referenceTrace()));
    expect(rows.get('stripe api call')).toMatchObject({ state: 'moved', referenceShiftMs: 0 });
    expect(rows.get('log')).toMatchObject({ state: 'extra', referenceShiftMs: undefined });
    expect(rows.get('save order')).toMatchObject({ state: 'missing', referenceShiftMs: undefined });
  });

  it('pairs repeated siblings with the same name in order, and counts a surplus one as extra', () => {
    const ref = new TraceBuilder();
    const r = ref.span('batch', { start: 0, end: 50 });
    for (let i = 0; i < 2; i++) ref.span('item', { parent: r, start: 1 + i * 10, end: 9 + i * 10, attributes: { index: i } });
    const mine = new TraceBuilder();
    const m = mine.span('batch', { start: 0, end: 50 });
    for (let i = 0; i < 3; i++) mine.span('item', { parent: m, start: 1 + i * 10, end: 9 + i * 10, attributes: { index: i } });
    const result = compareTraces(mine.records(), ref.records());
    expect(result.counts).toEqual({ matched: 3, missing: 0, extra: 1, moved: 0, differ: 0 });
    const extra = [...result.bySpanId.values()].find((row) => row.state === 'extra')!;
    expect(extra.yours!.attributes.index).toBe(2);
  });

  it('pairs a span by name when only its kind differs, and reports kind, status and attribute differences', () => {
    const ref = new TraceBuilder();
    ref.span('GET /users', { kind: 'SERVER', attributes: { 'http.route': '/users', 'http.status_code': 200, 'user.id': 'u1' } });
    const mine = new TraceBuilder();
    mine.span('GET /users', { kind: 'INTERNAL', status: 'ERROR', attributes: { 'http.status_code': 500, 'user.id': 'u9', extra: true } });
    const result = compareTraces(mine.records(), ref.records());
    const row = [...result.bySpanId.values()][0]!;
    expect(row.state).toBe('matched');
    expect(row.kind).toEqual({ yours: 'INTERNAL', reference: 'SERVER' });
    expect(row.status).toEqual({ yours: 'ERROR', reference: 'UNSET' });
    expect(row.attributes).toEqual({ added: ['extra'], removed: ['http.route'], changed: [{ key: 'http.status_code', yours: 500, reference: 200 }] });
    expect(result.counts.differ).toBe(1);
  });

  it('keeps a span that never ended among the unfinished ones', () => {
    const mine = new TraceBuilder();
    const root = mine.span('POST /checkout', { kind: 'SERVER', end: null });
    mine.span('auth', { parent: root, start: 1, end: 10, attributes: { 'shop.operation': 'verifyToken' } });
    const result = compareTraces(mine.records(), referenceTrace());
    expect(result.unfinished.map((r) => r.name)).toEqual(['POST /checkout']);
    expect(byName(result).get('POST /checkout')).toMatchObject({ state: 'matched', yoursMs: undefined });
  });
});

describe('attribute differences', () => {
  it('ignores values that vary per run but not keys that one side lacks', () => {
    expect(isVolatileAttribute('order.id', 'a', 'b')).toBe(true);
    expect(isVolatileAttribute('db.duration_ms', 3, 4)).toBe(true);
    expect(isVolatileAttribute('trace', '4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7aaaaaaaa')).toBe(true);
    expect(isVolatileAttribute('shop.operation', 'checkCart', 'insertOrder')).toBe(false);
    expect(diffAttributes({ 'order.id': 'x' }, { 'order.id': 'y', 'session.id': 'z' })).toEqual({ added: [], removed: ['session.id'], changed: [] });
    expect(diffAttributes({ tags: ['a', 'b'] }, { tags: ['a', 'c'] }).changed).toEqual([{ key: 'tags', yours: ['a', 'b'], reference: ['a', 'c'] }]);
  });
});
