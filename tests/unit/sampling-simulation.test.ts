import { ROOT_CONTEXT } from '@opentelemetry/api';
import { SamplingDecision, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import {
  barWidths,
  headSamplerKeeps,
  simulateSampling,
  simulateStream,
  tailShareKeeps,
  traceIdHex,
  type TraceIdWords,
} from '../../src/diagrams/sampling-simulation.ts';

const lesson = { requests: 100_000, errorRate: 0.01, slowRate: 0.05, headRatio: 0.1, tailRatio: 0.01 };

/** Within four standard deviations of a binomial draw, as the check library judges samplers. */
function expectBinomial(kept: number, total: number, ratio: number): void {
  const sigma = Math.sqrt(total * ratio * (1 - ratio));
  expect(Math.abs(kept - total * ratio), `${kept} of ${total} at ${ratio}`).toBeLessThanOrEqual(4 * sigma);
}

describe('sampling simulation', () => {
  it('decides exactly as the SDK TraceIdRatioBasedSampler on the same trace IDs', () => {
    const ids = simulateStream({ requests: 4_000, errorRate: 0, slowRate: 0, seed: 7 }).map((r) => r.traceId);
    // Edge values of the XOR too: all bits set, and words that cancel out.
    ids.push([0xffffffff, 0, 0, 0], [0x12345678, 0x12345678, 1, 0], [0x80000000, 0x7fffffff, 0xffffffff, 0]);
    for (const ratio of [0, 0.01, 0.1, 0.5, 0.999, 1]) {
      const sdk = new TraceIdRatioBasedSampler(ratio);
      const mismatches = ids.filter((words: TraceIdWords) => {
        const sdkKeeps = sdk.shouldSample(ROOT_CONTEXT, traceIdHex(words)).decision === SamplingDecision.RECORD_AND_SAMPLED;
        return sdkKeeps !== headSamplerKeeps(words, ratio);
      });
      expect(mismatches.map(traceIdHex), `ratio ${ratio}`).toEqual([]);
    }
  });

  it('draws a stream with exactly the requested errors and slow requests, and distinct trace IDs', () => {
    const stream = simulateStream(lesson);
    expect(stream).toHaveLength(100_000);
    expect(stream.filter((r) => r.outcome === 'error')).toHaveLength(1_000);
    expect(stream.filter((r) => r.outcome === 'slow')).toHaveLength(5_000);
    expect(new Set(stream.map((r) => traceIdHex(r.traceId))).size).toBe(100_000);
    expect(traceIdHex(stream[0]!.traceId)).toMatch(/^[0-9a-f]{32}$/);
  });

  it("keeps what each of the lesson's strategies would keep", () => {
    const { stream, strategies } = simulateSampling(lesson);
    expect(stream).toEqual({ requests: 100_000, errors: 1_000, slow: 5_000, ordinary: 94_000 });
    const [all, head, tail] = strategies;
    expect(all).toMatchObject({ id: 'all', kept: 100_000, errors: 1_000, slow: 5_000, ordinary: 94_000 });

    expect(head!.id).toBe('head');
    expectBinomial(head!.kept, 100_000, 0.1);
    expectBinomial(head!.errors, 1_000, 0.1);
    expectBinomial(head!.slow, 5_000, 0.1);
    expect(head!.errors + head!.slow + head!.ordinary).toBe(head!.kept);

    expect(tail).toMatchObject({ id: 'tail', errors: 1_000, slow: 5_000 });
    expectBinomial(tail!.ordinary, 94_000, 0.01);
    expect(tail!.kept).toBe(6_000 + tail!.ordinary);
    // The lesson's point: the tail sampler stores less than the head ratio and keeps every error.
    expect(tail!.kept).toBeLessThan(head!.kept);
    expect(tail!.errors).toBeGreaterThan(5 * head!.errors);
    expect(strategies.map((s) => s.short)).toEqual(['Keep all', 'Head 10%', 'Tail: errors + slow + 1%']);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(simulateSampling(lesson)).toEqual(simulateSampling(lesson));
    expect(simulateSampling({ ...lesson, seed: 2 }).strategies[1]!.kept).not.toBe(simulateSampling(lesson).strategies[1]!.kept);
  });

  it("draws the tail's share independently of the head decision", () => {
    const stream = simulateStream({ requests: 50_000, errorRate: 0, slowRate: 0, seed: 3 });
    const both = stream.filter((r) => headSamplerKeeps(r.traceId, 0.5) && tailShareKeeps(r.traceId, 0.5)).length;
    expectBinomial(stream.filter((r) => tailShareKeeps(r.traceId, 0.5)).length, 50_000, 0.5);
    expectBinomial(both, 50_000, 0.25);
  });

  it('rejects rates a lesson got wrong', () => {
    expect(() => simulateSampling({ ...lesson, errorRate: 0.6, slowRate: 0.6 })).toThrow('errorRate + slowRate must not exceed 1');
    expect(() => simulateSampling({ ...lesson, headRatio: 1.5 })).toThrow('headRatio must be between 0 and 1, got 1.5');
    expect(() => simulateSampling({ ...lesson, requests: 0 })).toThrow('requests must be a positive integer');
  });

  it('scales bars to the longest and keeps a small non-zero bar visible', () => {
    expect(barWidths([100_000, 10_000, 0])).toEqual([100, 10, 0]);
    expect(barWidths([100_000, 100])).toEqual([100, 0.5]);
    expect(barWidths([0, 0])).toEqual([0, 0]);
  });
});
