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
  /** `error` when the run failed or a check could not run; else `fail` when any check failed; else `pass`. */
  status: CheckStatus;
  /** Present exactly when `status` is `error`. */
  message?: string;
  /** One per check, in the order the exercise defines them. */
  tests: CheckResult[];
}
