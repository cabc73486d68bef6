import { describe, expect, it } from 'vitest';
import { compareTraces, type SpanComparison } from '../../src/trace/compare.ts';
import { comparisonSummary, comparisonWords } from '../../src/trace/viewer/compare-notes.ts';
import { TraceBuilder } from '../helpers/span-builder.ts';

function row(partial: Partial<SpanComparison>): SpanComparison {
  return {
    state: 'matched',
    yours: undefined,
    reference: undefined,
    referenceParent: undefined,
    kind: undefined,
    status: undefined,
    attributes: { added: [], removed: [], changed: [] },
    yoursMs: undefined,
    referenceMs: undefined,
    yoursStartMs: undefined,
    referenceStartMs: undefined,
    ...partial,
  };
}

describe('how a comparison reads', () => {
  it('says missing, extra and moved in words, with a mark each', () => {
    expect(comparisonWords(row({ state: 'missing' }))).toMatchObject({ words: 'missing: in the reference, not in your trace', marks: [{ word: 'missing', tone: 'missing' }] });
    expect(comparisonWords(row({ state: 'extra' })).words).toBe('extra: not in the reference');
    expect(comparisonWords(row({ state: 'moved', referenceParent: 'charge payment' })).words).toBe('moved: the reference has it under charge payment');
    expect(comparisonWords(row({ state: 'moved' })).words).toBe('moved: the reference has it at the top of the trace');
  });

  it('names what differs, and marks a span that is as in the reference with words only', () => {
    const different = comparisonWords(row({ kind: { yours: 'INTERNAL', reference: 'SERVER' }, status: { yours: 'ERROR', reference: 'UNSET' }, attributes: { added: ['a'], removed: ['b', 'c'], changed: [] } }));
    expect(different.words).toBe('kind INTERNAL, the reference’s SERVER, status ERROR, the reference’s UNSET, attributes: 2 missing, 1 extra');
    expect(different.marks.map((m) => m.tone)).toEqual(['changed']);
    expect(comparisonWords(row({}))).toEqual({ words: 'as in the reference', marks: [] });
    const yours = new TraceBuilder().span('auth');
    expect(comparisonWords(row({ yours, yoursMs: 10, referenceMs: 1.5 })).words).toBe('as in the reference, the reference took 1.5 ms');
  });

  it('sums the trace up in one line', () => {
    const ref = new TraceBuilder();
    const root = ref.span('POST /checkout', { kind: 'SERVER' });
    ref.span('save order', { parent: root });
    const mine = new TraceBuilder();
    const mineRoot = mine.span('POST /checkout', { kind: 'SERVER' });
    mine.span('send receipt', { parent: mineRoot });
    expect(comparisonSummary(compareTraces(mine.spans, ref.spans))).toBe('Compared with the reference: 1 missing, 1 extra; 1 span as in the reference.');
    expect(comparisonSummary(compareTraces(ref.spans, ref.spans))).toBe('Every span is as in the reference (2 spans).');
  });
});
