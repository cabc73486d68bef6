import { fail } from './failure.ts';

/**
 * What the runner learns about one check while it runs: whether it asserted anything (a check
 * that asserts nothing cannot fail, which is a bug in the exercise) and whether it read the
 * console output (then its result carries that output).
 */
export class CheckState {
  assertions = 0;
  readOutput = false;

  /** Counts one assertion; fails the check with `message()` unless `ok`. */
  expect(ok: boolean, message: () => string): void {
    this.assertions += 1;
    if (!ok) fail(message());
  }
}
