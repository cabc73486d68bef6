import { percent } from './format.ts';

/**
 * Whether a ratio sampler kept a plausible number of traces. A sampler at ratio p keeps each of
 * n traces independently, so the count kept is binomial: mean n·p, standard deviation
 * sqrt(n·p·(1-p)). Accepting ±4 standard deviations fails a correct sampler about once in
 * 16,000 runs, while a sampler at the wrong ratio (or none) fails at once for n in the hundreds.
 */

export interface SamplingExpectation {
  /** The sampler's ratio, between 0 and 1 (0.25 for 25%). */
  expected: number;
  /** How many traces were started (requests the scenario sent). */
  total: number;
  /** How many were kept; by default, the number of traces recorded. */
  kept?: number;
  /** The tolerance in standard deviations (default 4). */
  sigmas?: number;
}

export interface SamplingVerdict {
  ok: boolean;
  /** The tolerance on the ratio (4 standard deviations of k/n). */
  tolerance: number;
  /** The range of counts accepted, inclusive. */
  low: number;
  high: number;
  message: string;
}

const tolerancePercent = (tolerance: number): string => (tolerance * 100 >= 0.1 ? percent(tolerance, 1, true) : `${Number((tolerance * 100).toPrecision(2))}%`);

export function samplingVerdict(kept: number, total: number, expected: number, sigmas = 4): SamplingVerdict {
  if (!Number.isInteger(total) || total <= 0) throw new RangeError(`samplingRatio: total must be a whole number above 0, not ${total}.`);
  if (!Number.isInteger(kept) || kept < 0) throw new RangeError(`samplingRatio: kept must be a whole number, not ${kept}.`);
  if (!(expected >= 0 && expected <= 1)) throw new RangeError(`samplingRatio: expected must be a ratio between 0 and 1, not ${expected}.`);
  if (!(sigmas > 0)) throw new RangeError(`samplingRatio: sigmas must be above 0, not ${sigmas}.`);

  const tolerance = sigmas * Math.sqrt((expected * (1 - expected)) / total);
  const low = Math.max(0, Math.ceil(total * (expected - tolerance) - 1e-9));
  const high = Math.min(total, Math.floor(total * (expected + tolerance) + 1e-9));
  const ok = kept >= low && kept <= high;
  const sampler = `a ${percent(expected)} sampler`;
  const keeps =
    expected === 1 ? 'keeps all of them' : expected === 0 ? 'keeps none of them' : `keeps ${percent(expected)} ± ${tolerancePercent(tolerance)} of them, between ${low} and ${high}`;
  const found = kept > total ? `Kept ${kept} traces, but only ${total} were started` : `Kept ${kept} of ${total} traces (${percent(kept / total, 1, true)})`;
  const cause = ok ? '' : likelyCause(kept, total, expected);
  return { ok, tolerance, low, high, message: `${found}; ${sampler} ${keeps}.${cause ? ` ${cause}` : ''}` };
}

/** What a program that kept this many most likely did, for the counts that have a usual cause. */
function likelyCause(kept: number, total: number, expected: number): string {
  const asPercent = Number((expected * 100).toPrecision(6));
  if (kept === total && expected < 1) {
    return `Every trace was kept. If the ratio was written as ${asPercent}: ${asPercent} looks like a percentage, but the ratio is a fraction between 0 and 1 (${expected} for ${percent(expected)}), and a ratio of 1 or more keeps everything. Otherwise something keeps every trace before the ratio is asked: an AlwaysOnSampler, no sampler at all (the SDK's default keeps every trace), or a threshold that every trace passes.`;
  }
  if (kept === 0 && expected > 0) {
    return `No trace was kept: a ratio of 0 keeps nothing, and so does an AlwaysOffSampler. If the ratio was divided by 100 twice (${expected / 100} instead of ${expected}), it keeps almost nothing too.`;
  }
  const share = kept / total;
  if (expected > 0 && share >= expected / 200 && share <= expected / 50) {
    return `The share kept is close to ${percent(expected / 100, 3)}: was the ratio divided by 100 twice? ${percent(expected)} is the fraction ${expected}.`;
  }
  return '';
}

/**
 * The decision `TraceIdRatioBasedSampler` of the OpenTelemetry JS SDK makes for a trace id at
 * `ratio`: the four 32-bit words of the id XORed together, kept below `ratio · 0xffffffff`. A
 * check recomputes it to tell a sampler that decides from the trace id from one that counts,
 * draws random numbers or keeps everything.
 */
export function ratioSamplerKeeps(traceId: string, ratio: number): boolean {
  if (!/^[0-9a-f]{32}$/i.test(traceId) || /^0+$/.test(traceId)) return false;
  const bounded = ratio >= 1 ? 1 : ratio > 0 ? ratio : 0;
  const upper = bounded === 1 ? 0x100000000 : Math.floor(bounded * 0xffffffff);
  let accumulation = 0;
  for (let i = 0; i < 32; i += 8) accumulation = (accumulation ^ Number.parseInt(traceId.slice(i, i + 8), 16)) >>> 0;
  return accumulation < upper;
}
