import { ROOT_CONTEXT } from '@opentelemetry/api';
import { RandomIdGenerator, SamplingDecision, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
// A seeded generator (mulberry32), so the statistics below are the same on every run.
import { seededRandom } from '../../sandboxes/wire/seeded-random.ts';
import { check, defineChecks, ratioSamplerKeeps, runChecks, samplingVerdict, type CheckContext, type CheckRun } from '../../src/checks/index.ts';
import { TraceBuilder } from '../helpers/span-builder.ts';

const keptBy = (ratio: number, total: number, next: () => number): number => {
  let kept = 0;
  for (let i = 0; i < total; i += 1) if (next() < ratio) kept += 1;
  return kept;
};

describe('samplingVerdict', () => {
  it('names the usual cause of a count that is far off', () => {
    expect(samplingVerdict(400, 400, 0.25).message).toContain('25 looks like a percentage, but the ratio is a fraction between 0 and 1 (0.25 for 25%)');
    expect(samplingVerdict(0, 400, 0.25).message).toContain('No trace was kept: a ratio of 0 keeps nothing');
    expect(samplingVerdict(10, 4000, 0.25).message).toContain('was the ratio divided by 100 twice?');
    expect(samplingVerdict(600, 1000, 0.25).message).toBe('Kept 600 of 1000 traces (60.0%); a 25% sampler keeps 25% ± 5.5% of them, between 196 and 304.');
  });

  it('recomputes the SDK ratio sampler’s decision from a trace id', () => {
    // The four 32-bit words XORed: 0x00000001 here, kept by any ratio above 0.
    expect(ratioSamplerKeeps('00000000000000000000000000000001', 0.001)).toBe(true);
    expect(ratioSamplerKeeps('ffffffff000000000000000000000000', 0.999)).toBe(false);
    expect(ratioSamplerKeeps('ffffffff000000000000000000000000', 1)).toBe(true);
    expect(ratioSamplerKeeps('00000000000000000000000000000000', 1)).toBe(false);
    expect(ratioSamplerKeeps('8000000000000000000000000000000f', 0.5)).toBe(false);
    expect(ratioSamplerKeeps('7000000000000000000000000000000f', 0.5)).toBe(true);
    // And it agrees with the SDK's sampler on random ids.
    const ids = new RandomIdGenerator();
    for (const ratio of [0.1, 0.25, 0.5]) {
      const sampler = new TraceIdRatioBasedSampler(ratio);
      for (let i = 0; i < 200; i++) {
        const traceId = ids.generateTraceId();
        const sdk = sampler.shouldSample(ROOT_CONTEXT, traceId).decision === SamplingDecision.RECORD_AND_SAMPLED;
        expect(ratioSamplerKeeps(traceId, ratio), traceId).toBe(sdk);
      }
    }
  });

  it('explains a ratio far from the sampler’s', () => {
    expect(samplingVerdict(610, 1000, 0.25)).toEqual({
      ok: false,
      tolerance: 4 * Math.sqrt((0.25 * 0.75) / 1000),
      low: 196,
      high: 304,
      message: 'Kept 610 of 1000 traces (61.0%); a 25% sampler keeps 25% ± 5.5% of them, between 196 and 304.',
    });
  });

  it('accepts the range inclusively and nothing outside it', () => {
    expect([195, 196, 250, 304, 305].map((kept) => samplingVerdict(kept, 1000, 0.25).ok)).toEqual([false, true, true, true, false]);
  });

  it('handles the ratios 0 and 1 and impossible counts', () => {
    expect(samplingVerdict(1000, 1000, 1)).toMatchObject({ ok: true, low: 1000, high: 1000 });
    expect(samplingVerdict(999, 1000, 1)).toMatchObject({ ok: false, message: 'Kept 999 of 1000 traces (99.9%); a 100% sampler keeps all of them.' });
    expect(samplingVerdict(0, 200, 0)).toMatchObject({ ok: true });
    expect(samplingVerdict(1, 200, 0)).toMatchObject({ ok: false, message: 'Kept 1 of 200 traces (0.5%); a 0% sampler keeps none of them.' });
    expect(samplingVerdict(1200, 1000, 0.25).message).toBe('Kept 1200 traces, but only 1000 were started; a 25% sampler keeps 25% ± 5.5% of them, between 196 and 304.');
    expect(samplingVerdict(2, 10_000_000, 0.001).message).toBe('Kept 2 of 10000000 traces (0.0%); a 0.1% sampler keeps 0.1% ± 0.004% of them, between 9601 and 10399.');
  });

  it('rejects arguments that make no sense', () => {
    expect(() => samplingVerdict(1, 0, 0.5)).toThrow('total must be a whole number above 0, not 0');
    expect(() => samplingVerdict(1.5, 10, 0.5)).toThrow('kept must be a whole number, not 1.5');
    expect(() => samplingVerdict(1, 10, 25)).toThrow('expected must be a ratio between 0 and 1, not 25');
    expect(() => samplingVerdict(1, 10, 0.5, 0)).toThrow('sigmas must be above 0, not 0');
  });

  it('almost never fails a correct sampler, and always fails one at another ratio', () => {
    const next = seededRandom(42);
    const experiments = 2000;
    let falseAlarms = 0;
    let caught = 0;
    for (let i = 0; i < experiments; i += 1) {
      if (!samplingVerdict(keptBy(0.25, 1000, next), 1000, 0.25).ok) falseAlarms += 1;
      if (!samplingVerdict(keptBy(0.4, 1000, next), 1000, 0.25).ok) caught += 1;
    }
    // 4 sigma: about 1 false alarm in 16,000 experiments.
    expect(falseAlarms).toBeLessThanOrEqual(1);
    expect(caught).toBe(experiments);
  });
});

describe('samplingRatio in a check', () => {
  const grade = (run: CheckRun, test: (t: CheckContext) => unknown) => runChecks(defineChecks([check('sampled at 25%', test)]), run).tests[0]!;

  it('counts the traces recorded by default', () => {
    const t = new TraceBuilder();
    for (let i = 0; i < 30; i += 1) {
      const root = t.span(`request ${i}`, { start: i });
      t.span('child', { parent: root, start: i });
    }
    expect(grade(t.run(), ({ samplingRatio }) => samplingRatio({ expected: 0.25, total: 120 }))).toEqual({ name: 'sampled at 25%', status: 'pass' });
    expect(grade(t.run(), ({ samplingRatio }) => samplingRatio({ expected: 0.25, total: 30 }))).toEqual({
      name: 'sampled at 25%',
      status: 'fail',
      message: expect.stringMatching(/^Kept 30 of 30 traces \(100\.0%\); a 25% sampler keeps 25% ± 31\.6% of them, between 0 and 16\. Every trace was kept\. /),
    });
    expect(grade(t.run(), ({ samplingRatio }) => samplingRatio({ expected: 0.25, total: 1000, kept: 610, sigmas: 3 })).message).toBe(
      'Kept 610 of 1000 traces (61.0%); a 25% sampler keeps 25% ± 4.1% of them, between 209 and 291.',
    );
  });

  it('makes a mistake in the expectation an error of the check', () => {
    expect(grade({ spans: [] }, ({ samplingRatio }) => samplingRatio({ expected: 0.25, total: 0 }))).toMatchObject({ status: 'error' });
  });
});
