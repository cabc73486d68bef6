import type { CompletedTrace } from './traces.js';

/** Whether the tail sampler keeps this trace (exports it to the backend). */
export function shouldKeep(trace: CompletedTrace): boolean {
  // Head-sampling habits: keep 10% of everything.
  // TODO: keep every error, every trace slower than 500 ms, and 10% of the rest, decided from the trace id.
  void trace;
  return Math.random() < 0.1;
}
