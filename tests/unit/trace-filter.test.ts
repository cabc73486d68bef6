import { describe, expect, it } from 'vitest';
import { attributeText, findMatches, isFilterActive, matchesWithAncestors, parseAttributeQuery, serviceNames, spanMatcher, type SpanFilter } from '../../src/trace/filter.ts';
import { buildTraceModel } from '../../src/trace/model-builder.ts';
import type { TraceView } from '../../src/trace/model.ts';
import { checkoutTrace, spanRecord } from '../helpers/trace-fixtures.ts';

const model = buildTraceModel(checkoutTrace({ failed: true }).concat(checkoutTrace().filter((r) => r.name === 'save order to db')));
const trace = model.traces[0]!;
const matchNames = (filter: SpanFilter, on: TraceView = trace) =>
  Array.from(findMatches(on, filter).order, (index) => {
    const item = on.items[index]!;
    return item.kind === 'span' ? item.record.name : item.kind;
  });

describe('span filters', () => {
  it('finds by part of the name, in any case, in tree order', () => {
    expect(matchNames({ name: 'PAY' })).toEqual(['charge payment']);
    expect(matchNames({ name: ' Api Call ' })).toEqual(['stripe api call']);
    expect(matchNames({ name: 'o' })).toEqual(['POST /checkout', 'save order to db']);
  });

  it('filters by exact service name', () => {
    expect(matchNames({ service: 'stripe' })).toEqual(['stripe api call']);
    expect(matchNames({ service: 'strip' })).toEqual([]);
    expect(serviceNames(trace, model.services)).toEqual(['checkout-service', 'stripe']);
  });

  it('filters by status', () => {
    expect(matchNames({ status: 'ERROR' })).toEqual(['POST /checkout', 'charge payment', 'stripe api call']);
    expect(matchNames({ status: 'UNSET' })).toEqual(['auth middleware', 'validate cart', 'save order to db']);
    expect(matchNames({ status: 'OK' })).toEqual([]);
  });

  it('filters by minimum duration', () => {
    expect(matchNames({ minDurationMs: 375 })).toEqual(['POST /checkout', 'charge payment', 'stripe api call']);
    expect(matchNames({ minDurationMs: 12 })).toEqual(['POST /checkout', 'auth middleware', 'charge payment', 'stripe api call', 'save order to db']);
    expect(matchNames({ minDurationMs: 0 })).toEqual([]);
  });

  it('counts an unfinished span by the time it was seen running', () => {
    const open = buildTraceModel([spanRecord({ name: 'root', spanId: '0000000000000001', start: 0, end: 100 })], [spanRecord({ name: 'open', spanId: '0000000000000002', parentSpanId: '0000000000000001', start: 30, end: undefined })]).traces[0]!;
    expect(matchNames({ minDurationMs: 70 }, open)).toEqual(['root', 'open']);
    expect(matchNames({ minDurationMs: 71 }, open)).toEqual(['root']);
  });

  it('filters by attribute key, or key=value compared as text in any case', () => {
    expect(matchNames({ attribute: 'server.address' })).toEqual(['stripe api call']);
    expect(matchNames({ attribute: 'server.address=API.stripe.com' })).toEqual(['stripe api call']);
    expect(matchNames({ attribute: 'server.address=api.stripe' })).toEqual([]);
    expect(matchNames({ attribute: 'order.items_count=3' })).toEqual(['POST /checkout']);
    expect(matchNames({ attribute: 'app.cart.gift=true' })).toEqual(['POST /checkout']);
    expect(matchNames({ attribute: 'app.cart.total=42.5' })).toEqual(['POST /checkout']);
    // An array matches one of its elements, or its whole text.
    expect(matchNames({ attribute: 'app.cart.skus=sku-2' })).toEqual(['POST /checkout']);
    expect(matchNames({ attribute: 'app.cart.skus=[SKU-1, SKU-2]' })).toEqual(['POST /checkout']);
    expect(matchNames({ attribute: 'http.request.method=POST' })).toEqual(['POST /checkout', 'stripe api call']);
  });

  it('does not find inherited object properties as attributes', () => {
    expect(matchNames({ attribute: 'toString' })).toEqual([]);
    expect(matchNames({ attribute: '__proto__' })).toEqual([]);
  });

  it('combines every field with AND', () => {
    expect(matchNames({ status: 'ERROR', service: 'checkout-service', minDurationMs: 400 })).toEqual(['POST /checkout']);
    expect(matchNames({ name: 'call', status: 'ERROR', attribute: 'server.address' })).toEqual(['stripe api call']);
    expect(matchNames({ name: 'call', status: 'OK' })).toEqual([]);
  });

  it('matches nothing (and marks nothing) for an empty filter', () => {
    for (const filter of [{}, { name: '  ' }, { attribute: ' ' }, { minDurationMs: 0 }, { service: '' }]) {
      expect(isFilterActive(filter), JSON.stringify(filter)).toBe(false);
      expect(spanMatcher(filter)).toBeUndefined();
      expect(findMatches(trace, filter).order).toHaveLength(0);
    }
    expect(isFilterActive({ status: 'OK' })).toBe(true);
  });

  it('marks matches per item', () => {
    const { isMatch, order } = findMatches(trace, { service: 'stripe' });
    expect(Array.from(isMatch).filter(Boolean)).toHaveLength(1);
    expect(isMatch[order[0]!]).toBe(1);
  });
});

describe('matchesWithAncestors ("show matches only")', () => {
  it('keeps matches and the path to them', () => {
    const matches = findMatches(trace, { service: 'stripe' });
    const { keep, hasMatchBelow } = matchesWithAncestors(trace, matches);
    const kept = trace.items.filter((item) => keep[item.index] === 1).map((item) => (item.kind === 'span' ? item.record.name : item.kind));
    expect(kept).toEqual(['POST /checkout', 'charge payment', 'stripe api call']);
    const above = trace.items.filter((item) => hasMatchBelow[item.index] === 1).map((item) => (item.kind === 'span' ? item.record.name : item.kind));
    expect(above).toEqual(['POST /checkout', 'charge payment']);
  });

  it('keeps the missing-parent group above a matching orphan', () => {
    const orphans = buildTraceModel([spanRecord({ name: 'lost', spanId: '0000000000000002', parentSpanId: '00000000000000ff' }), spanRecord({ name: 'root', spanId: '0000000000000001' })]).traces[0]!;
    const { keep } = matchesWithAncestors(orphans, findMatches(orphans, { name: 'lost' }));
    expect(orphans.items.filter((item) => keep[item.index] === 1).map((item) => item.kind)).toEqual(['missing-parent', 'span']);
  });
});

describe('attribute queries', () => {
  it('splits at the first =', () => {
    expect(parseAttributeQuery('url.full=https://x/?a=b')).toEqual({ key: 'url.full', value: 'https://x/?a=b' });
    expect(parseAttributeQuery(' order.id ')).toEqual({ key: 'order.id', value: undefined });
    expect(parseAttributeQuery('order.id=')).toEqual({ key: 'order.id', value: '' });
    expect(parseAttributeQuery('=value')).toBeUndefined();
    expect(parseAttributeQuery('')).toBeUndefined();
  });

  it('writes values as one line of text', () => {
    expect(attributeText('a b')).toBe('a b');
    expect(attributeText(3)).toBe('3');
    expect(attributeText([1, null, 2])).toBe('[1, null, 2]');
  });
});
