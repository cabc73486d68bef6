import { describe, expect, it } from 'vitest';
import { compareTraces, type SpanComparison } from '../../src/trace/compare.ts';
import { absentFacts, comparisonAnnotator, comparisonSummary, comparisonWords, referenceTiming } from '../../src/trace/viewer/compare-notes.ts';
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
    referenceShiftMs: undefined,
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

  it('gives a missing span only the reference’s own facts, and no other timing', () => {
    const t = new TraceBuilder();
    const reference = t.span('save order', { start: 5, end: 13, status: { code: 'ERROR', message: 'disk full' } });
    const missing = row({ state: 'missing', reference, referenceMs: 8, referenceStartMs: 5 });
    expect(absentFacts(missing)).toEqual({
      facts: [
        ['In your trace', 'no: only the reference has this span'],
        ['Kind', 'INTERNAL'],
        ['Status', 'ERROR: disk full'],
      ],
    });
    expect(referenceTiming(missing)).toBeUndefined();
    expect(absentFacts(row({ state: 'matched', yours: reference, reference }))).toBeUndefined();
  });

  it('draws the reference’s timing only where both sides ended the span', () => {
    const span = new TraceBuilder().span('auth');
    expect(referenceTiming(row({ yours: span, reference: span, yoursMs: 10, referenceMs: 4, referenceShiftMs: -2 }))).toEqual({ offsetMs: -2, durationMs: 4 });
    expect(referenceTiming(row({ yours: span, reference: span, yoursMs: undefined, referenceMs: 4, referenceShiftMs: 0 }))).toBeUndefined();
    expect(referenceTiming(row({ yours: span, reference: span, yoursMs: 10, referenceMs: undefined, referenceShiftMs: 0 }))).toBeUndefined();
    expect(referenceTiming(row({ state: 'extra', yours: span, yoursMs: 10 }))).toBeUndefined();
  });

  it('annotates a comparison: missing spans as absent, paired ones with the reference’s timing', () => {
    const reference = new TraceBuilder();
    const root = reference.span('POST /checkout', { start: 0, end: 50 });
    reference.span('auth', { parent: root, start: 2, end: 6 });
    reference.span('save order', { parent: root, start: 10, end: 40 });
    const yours = new TraceBuilder();
    const mine = yours.span('POST /checkout', { start: 100, end: 200 });
    const auth = yours.span('auth', { parent: mine, start: 101, end: 120 });
    const comparison = compareTraces([...yours.spans], [...reference.spans]);
    const annotate = comparisonAnnotator(comparison);
    // Two ms after its parent started in the reference, one in yours: one ms later, 4 ms long.
    expect(annotate(auth)).toMatchObject({ otherTiming: { offsetMs: 1, durationMs: 4 } });
    expect(annotate(auth)?.absent).toBeUndefined();
    const save = comparison.spans.find((r) => r.name === 'save order')!;
    expect(annotate(save)?.absent?.facts[0]).toEqual(['In your trace', 'no: only the reference has this span']);
    expect(annotate(save)?.otherTiming).toBeUndefined();
  });
});
