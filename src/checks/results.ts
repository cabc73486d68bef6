/**
 * Grading results in the shape of Exercism's test-runner `results.json`, version 2, so that the
 * page, the grader CLI and any tool that knows Exercism's format read the same thing.
 */

export type CheckStatus = 'pass' | 'fail' | 'error';

export interface CheckResult {
  /** The check's title, as the learner sees it. */
  name: string;
  status: CheckStatus;
  /** Why it failed or could not run; absent when it passed. */
  message?: string;
  /** What the program printed, for checks that read the output (at most 500 characters). */
  output?: string;
}

export interface CheckResults {
  version: 2;
  /**
   * `error` only when no check could run (the code did not compile, the run was cancelled, the
   * exercise has no checks, or every check broke); `fail` when a check failed or could not run,
   * or the program failed while the checks still ran on what it recorded; else `pass`.
   */
  status: CheckStatus;
  /** Why the status is `error`, or what failed besides the checks (the program's error); absent on a clean run. */
  message?: string;
  /** One per check, in the order the exercise defines them. */
  tests: CheckResult[];
}

/**
 * The results of checks that were run, as Exercism reads them: `error` only when no check could
 * run; otherwise `fail` when any check failed or could not run, or when the run itself failed
 * (`runMessage`, e.g. the program threw after recording its spans); else `pass`. The message says
 * what went wrong with the run, then which checks could not run and why that is not the learner's doing.
 */
export function summarize(tests: CheckResult[], runMessage: string | undefined, yours: 'code' | 'configuration'): CheckResults {
  const errored = tests.filter((t) => t.status === 'error').length;
  const notRun = errored === 0 ? undefined : `${errored === 1 ? '1 check could not run' : `${errored} checks could not run`}; this is a problem with the exercise, not with your ${yours}.`;
  const message = [runMessage, notRun].filter((m) => m !== undefined).join('\n') || undefined;
  const status: CheckStatus = tests.length > 0 && errored === tests.length ? 'error' : runMessage !== undefined || tests.some((t) => t.status !== 'pass') ? 'fail' : 'pass';
  return { version: 2, status, ...(message === undefined ? {} : { message }), tests };
}
