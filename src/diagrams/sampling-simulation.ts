/**
 * A simulated stream of requests and what each sampling strategy keeps of it, for the sampling
 * lesson's chart. The head sampler decides exactly as the SDK's `TraceIdRatioBasedSampler`
 * does (from the trace ID alone), so the chart shows what the SDK would keep, not an ideal
 * 10%; the stream is seeded, so the build always draws the same numbers.
 */
import { seededRandom } from '../../sandboxes/wire/seeded-random.ts';

export type Outcome = 'error' | 'slow' | 'ordinary';

/** A trace ID as its four 32-bit words, most significant first (hex: `traceIdHex`). */
export type TraceIdWords = readonly [number, number, number, number];

export interface SimulatedRequest {
  traceId: TraceIdWords;
  outcome: Outcome;
}

export interface StreamSpec {
  requests: number;
  /** Share of requests that fail (span status ERROR), 0..1. */
  errorRate: number;
  /** Share of requests slower than the latency threshold, 0..1; none is both slow and failed. */
  slowRate: number;
  seed?: number;
}

export interface StrategySpec {
  /** Ratio of the head sampler (`ParentBasedSampler` around `TraceIdRatioBasedSampler`). */
  headRatio: number;
  /** The tail policy's probabilistic share of the traces that are neither errors nor slow. */
  tailRatio: number;
}

export interface StrategyResult {
  id: 'all' | 'head' | 'tail';
  label: string;
  /** A few words for the chart's bar label; `label` says it in full. */
  short: string;
  kept: number;
  errors: number;
  slow: number;
  ordinary: number;
}

export interface SamplingSimulation {
  stream: { requests: number; errors: number; slow: number; ordinary: number };
  strategies: StrategyResult[];
}

const word = (rand: () => number): number => Math.floor(rand() * 0x100000000);

export function traceIdHex(words: TraceIdWords): string {
  return words.map((w) => w.toString(16).padStart(8, '0')).join('');
}

function assertRate(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new Error(`sampling simulation: ${name} must be between 0 and 1, got ${value}`);
}

/**
 * Exactly `round(requests × rate)` errors and slow requests, so the lesson's "1,000 errors"
 * holds; which requests they are does not matter, because every trace ID is random.
 */
export function simulateStream(spec: StreamSpec): SimulatedRequest[] {
  if (!Number.isInteger(spec.requests) || spec.requests < 1) throw new Error(`sampling simulation: requests must be a positive integer, got ${spec.requests}`);
  assertRate('errorRate', spec.errorRate);
  assertRate('slowRate', spec.slowRate);
  if (spec.errorRate + spec.slowRate > 1) throw new Error('sampling simulation: errorRate + slowRate must not exceed 1');
  const rand = seededRandom(spec.seed ?? 20240611);
  const errors = Math.round(spec.requests * spec.errorRate);
  const slow = Math.round(spec.requests * spec.slowRate);
  const stream: SimulatedRequest[] = new Array(spec.requests);
  for (let i = 0; i < spec.requests; i++) {
    const outcome: Outcome = i < errors ? 'error' : i < errors + slow ? 'slow' : 'ordinary';
    stream[i] = { traceId: [word(rand), word(rand), word(rand), word(rand)], outcome };
  }
  return stream;
}

/**
 * The decision of `TraceIdRatioBasedSampler` in SDK 2.x: the four 32-bit words of the trace ID
 * XORed together, below `ratio × 0xffffffff`. Tests compare it with the SDK's own sampler.
 */
export function headSamplerKeeps([a, b, c, d]: TraceIdWords, ratio: number): boolean {
  const bound = ratio >= 1 ? 0x100000000 : ratio <= 0 ? 0 : Math.floor(ratio * 0xffffffff);
  return (a ^ b ^ c ^ d) >>> 0 < bound;
}

/**
 * The tail sampler's probabilistic policy draws from the low 52 bits of the trace ID, which
 * are independent of the head sampler's XOR (that mixes in two other, random words).
 */
export function tailShareKeeps([, , c, d]: TraceIdWords, ratio: number): boolean {
  return (c & 0xfffff) * 0x100000000 + d < ratio * 2 ** 52;
}

type Naming = Pick<StrategyResult, 'id' | 'label' | 'short'>;

function count(stream: SimulatedRequest[], keep: (r: SimulatedRequest) => boolean, naming: Naming): StrategyResult {
  const result: StrategyResult = { ...naming, kept: 0, errors: 0, slow: 0, ordinary: 0 };
  for (const request of stream) {
    if (!keep(request)) continue;
    result.kept++;
    if (request.outcome === 'error') result.errors++;
    else if (request.outcome === 'slow') result.slow++;
    else result.ordinary++;
  }
  return result;
}

const percent = (ratio: number): string => `${Number((ratio * 100).toFixed(2))}%`;

export function simulateSampling(spec: StreamSpec & StrategySpec): SamplingSimulation {
  assertRate('headRatio', spec.headRatio);
  assertRate('tailRatio', spec.tailRatio);
  const stream = simulateStream(spec);
  const all = count(stream, () => true, { id: 'all', label: 'Keep everything', short: 'Keep all' });
  return {
    stream: { requests: all.kept, errors: all.errors, slow: all.slow, ordinary: all.ordinary },
    strategies: [
      all,
      count(stream, (r) => headSamplerKeeps(r.traceId, spec.headRatio), {
        id: 'head',
        label: `Head sampling, ratio ${percent(spec.headRatio)}`,
        short: `Head ${percent(spec.headRatio)}`,
      }),
      count(stream, (r) => r.outcome !== 'ordinary' || tailShareKeeps(r.traceId, spec.tailRatio), {
        id: 'tail',
        label: `Tail sampling: every error, every slow trace, ${percent(spec.tailRatio)} of the rest`,
        short: `Tail: errors + slow + ${percent(spec.tailRatio)}`,
      }),
    ],
  };
}

/** Bar lengths as percentages of the longest, with a floor so that a small value stays visible. */
export function barWidths(values: number[], minimum = 0.5): number[] {
  const max = Math.max(...values);
  return values.map((v) => (max > 0 && v > 0 ? Math.max((v / max) * 100, minimum) : 0));
}
