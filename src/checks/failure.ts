/**
 * A failed assertion. The runner tells it apart from any other thrown value (a bug in a check)
 * by a registered symbol rather than `instanceof`, so that it still works when the exercise's
 * `checks.ts` and the runner were bundled with two copies of this module.
 */

const FAILURE = Symbol.for('otel-course.check-failure');

export class CheckFailure extends Error {
  override readonly name = 'CheckFailure';
  readonly [FAILURE] = true;
}

export function isCheckFailure(error: unknown): error is CheckFailure {
  return typeof error === 'object' && error !== null && (error as { [FAILURE]?: unknown })[FAILURE] === true;
}

/** Ends the check as failed with a message for the learner. */
export function fail(message: string): never {
  throw new CheckFailure(message);
}
