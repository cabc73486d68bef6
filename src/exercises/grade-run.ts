import { runChecks, type Check, type CheckResults } from '../checks/index.ts';
import type { RunResult } from '../runtime/runtime.ts';

export type CheckList = readonly Check[];

export interface GradedRun {
  results: CheckResults;
  run: RunResult;
  /** The unseen run on hidden inputs, when the scenario has inputs: its seed reproduces it. */
  hidden?: { seed: number; run: RunResult; results: CheckResults } | undefined;
}

/**
 * The one grading path, for the page and the grader alike: the exercise's checks run in the
 * caller, outside the sandbox, on the run's records, with the requests sandbox services received,
 * the work the exercise's helpers reported and when the sandbox saw each span start and end.
 */
export function gradeRun(checks: CheckList, run: RunResult): CheckResults {
  return runChecks(checks, { ...run, extras: { requests: run.requests, work: run.work ?? [], clocks: run.clocks ?? [], inputs: run.inputs ?? {}, observations: run.observations ?? {} } });
}
