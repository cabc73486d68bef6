import { CheckState } from './check-state.ts';
import { createContext } from './context.ts';
import type { Check } from './define.ts';
import { isCheckFailure } from './failure.ts';
import { summarize, type CheckResult, type CheckResults, type CheckStatus } from './results.ts';
import { RunIndex, type CheckRun } from './run-data.ts';
import { runFailure } from './run-failure.ts';

/** Exercism's limit for a test's `output`. */
const MAX_OUTPUT = 500;

function truncateOutput(text: string): string {
  return text.length <= MAX_OUTPUT ? text : `${text.slice(0, MAX_OUTPUT)}… (output truncated to ${MAX_OUTPUT} characters)`;
}

/** A thrown value as text, whatever it is (its `toString` may itself throw). */
function describeThrown(error: unknown): string {
  try {
    if (error instanceof Error) return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
    return String(error);
  } catch {
    return 'an unreadable value was thrown';
  }
}

const isThenable = (v: unknown): v is PromiseLike<unknown> => (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';

/**
 * The SDK's default service name is `unknown_service:` and the path of the program that runs it:
 * the grading machine's path to node, which is no business of the learner's, in any message.
 */
const hideProgramPath = (message: string): string => message.replace(/unknown_service:[^\s"'`,;)]+/g, 'unknown_service:…');

function runOne(check: Check, index: RunIndex): CheckResult {
  const state = new CheckState();
  const result = (status: CheckStatus, raw?: string): CheckResult => {
    const message = raw === undefined ? undefined : hideProgramPath(raw);
    const output = state.readOutput && index.data.console.length ? truncateOutput(index.data.console.map((l) => l.text).join('\n')) : undefined;
    return { name: check.title, status, ...(message !== undefined ? { message } : {}), ...(output !== undefined ? { output } : {}) };
  };
  let returned: unknown;
  try {
    returned = check.test(createContext(index, state));
  } catch (error) {
    return isCheckFailure(error) ? result('fail', error.message) : result('error', `The check could not run: ${describeThrown(error)}`);
  }
  if (isThenable(returned)) {
    // Nobody awaits it: keep a rejection from surfacing as an unhandled one.
    Promise.resolve(returned).catch(() => undefined);
    return result('error', 'The check returned a promise; checks must be synchronous (remove `async`).');
  }
  if (state.assertions === 0) return result('error', 'The check made no assertion, so it could never fail.');
  return result('pass');
}

/**
 * Grades one run: every check, in order, over the same records. Pure and synchronous: the same
 * checks and run always give the same results. See README.md for the contract.
 */
export function runChecks(checks: readonly Check[], run: CheckRun): CheckResults {
  if (checks.length === 0) return { version: 2, status: 'error', message: 'This exercise has no checks.', tests: [] };
  let index: RunIndex;
  let failure: ReturnType<typeof runFailure>;
  try {
    index = new RunIndex(run);
    failure = runFailure(index.data);
  } catch (error) {
    // Records that do not have the shape checks expect must still give results, never a throw.
    const message = `The run's records could not be read: ${describeThrown(error)}`;
    return { version: 2, status: 'error', message, tests: checks.map((c) => ({ name: c.title, status: 'error', message })) };
  }
  if (failure && !failure.evaluate) {
    const notChecked = failure.notChecked;
    return { version: 2, status: 'error', message: failure.message, tests: checks.map((c) => ({ name: c.title, status: 'error', message: notChecked })) };
  }
  return summarize(
    checks.map((c) => runOne(c, index)),
    failure?.message,
    'code',
  );
}
