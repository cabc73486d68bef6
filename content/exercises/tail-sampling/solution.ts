import type { CompletedTrace } from './traces.js';

const SLOW_MS = 500;
const RATIO = 0.1;

/** Whether the tail sampler keeps this trace (exports it to the backend). */
export function shouldKeep(trace: CompletedTrace): boolean {
  if (trace.hasError) return true;
  if (trace.durationMs > SLOW_MS) return true;
  // The last 8 hex digits of a random trace id are a uniform number from 0 to 0xffffffff:
  // the same id always gives the same answer, on every collector.
  return Number.parseInt(trace.traceId.slice(-8), 16) < RATIO * 0xffffffff;
}
