import type { WorkReport } from '../wire/protocol.ts';

/** Runs `fn` as one piece of reported work; what `work()` of `@course/sandbox` is. */
export type Work = <T>(operation: string, fn: () => T | Promise<T>) => Promise<T>;

/** In the learner's own files `work()` only runs the function: a program cannot report work it did not do. */
export const unreportedWork: Work = async (_operation, fn) => fn();

/**
 * `work()` for the exercise's own helpers: it notes the span active when the work starts (read
 * with the API the harness captured before the program ran, so a program cannot patch it) and
 * when the work starts and ends by the sandbox's clock, and sends that to the harness directly.
 */
export function reportingWork(options: {
  activeSpan(): { traceId: string; spanId: string } | undefined;
  clock: { unix(): number; mono(): number };
  report(work: WorkReport): void;
}): Work {
  return async (operation, fn) => {
    const active = options.activeSpan();
    const start = options.clock.unix();
    const mono = options.clock.mono();
    const base: WorkReport = { operation: String(operation), traceId: active?.traceId, spanId: active?.spanId, start };
    const end = () => start + (options.clock.mono() - mono);
    try {
      const result = await fn();
      options.report({ ...base, end: end() });
      return result;
    } catch (error) {
      options.report({ ...base, end: end(), failed: true });
      throw error;
    }
  };
}
