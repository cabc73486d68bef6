/**
 * Made-up traffic for a Collector exercise's traces: one seeded generator for everything drawn
 * (ids, durations), so the same seed gives the same traces, byte for byte, and the same
 * configuration always gets the same verdict.
 */
import { randomHex, seededRandom } from '../../../sandboxes/wire/seeded-random.ts';

export interface Traffic {
  /** A number in [0, 1). */
  random(): number;
  /** `digits` lowercase hex digits: a trace id (32) or a span id (16). */
  hex(digits: number): string;
  /** Unix milliseconds as the decimal string of Unix nanoseconds a span record holds (to the microsecond). */
  nanos(unixMs: number): string;
  /** 2026-01-01T00:00:00Z in Unix milliseconds: where a minute of traffic starts. */
  startMs: number;
}

export function createTraffic(seed: number): Traffic {
  const random = seededRandom(seed);
  return {
    random,
    hex: (digits) => randomHex(random, digits),
    nanos: (unixMs) => (BigInt(Math.round(unixMs * 1000)) * 1000n).toString(),
    startMs: 1_767_225_600_000,
  };
}
