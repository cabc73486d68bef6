import type { CheckResult, CheckResults } from '../checks/index.ts';

/**
 * Hidden inputs, as Exercism's hidden tests: a scenario that hands the program inputs (`input()`
 * of `@course/sandbox`) is also run a second time on inputs drawn from a seed the learner does
 * not see. A check that passes on the visible inputs but fails on the hidden ones fails, saying
 * so; when the failure shows the visible answer again, it says the answer looks fixed in the code.
 */

export interface HiddenRun {
  seed: number;
  /** The inputs of the visible run and of the hidden run, by name. */
  visible: Readonly<Record<string, unknown>>;
  hidden: Readonly<Record<string, unknown>>;
  results: CheckResults;
}

/** A fresh seed for a hidden run: a 31-bit integer, short enough to type into `grade --seed`. */
export const newSeed = (): number => Math.floor(Math.random() * 0x7fffffff);

const shown = (v: unknown): string => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

/** The inputs that differ between the two runs, as `name = value` for a message. */
function differences(run: HiddenRun): string[] {
  return Object.entries(run.hidden)
    .filter(([name, value]) => shown(value) !== shown(run.visible[name]))
    .map(([name, value]) => `${name} = ${shown(value)}`);
}

/**
 * Where `text` occurs in `within`: anywhere for a string of 3 characters or more; a number of 2
 * digits or more (a percentage, a count) only as a whole number, so that 10 is not found in 100,
 * 0.10 or `ord_1042`.
 */
function occurs(value: string | number, within: string): boolean {
  const text = String(value);
  if (typeof value === 'string') return text.length >= 3 && within.includes(text);
  if (text.length < 2) return false;
  return new RegExp(`(?<![\\w.])${text.replace(/[.+-]/g, '\\$&')}(?![\\w]|\\.\\d)`).test(within);
}

/** Visible values that a failure message on the hidden inputs still shows: answers that did not change with the input. */
function fixedAnswers(run: HiddenRun, message: string): string[] {
  const fixed: string[] = [];
  for (const [name, visible] of Object.entries(run.visible)) {
    if (shown(visible) === shown(run.hidden[name])) continue;
    const values = typeof visible === 'object' && visible !== null ? Object.values(visible as object) : [visible];
    for (const value of values) {
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      if (occurs(value, message) && !occurs(value, shown(run.hidden[name]))) fixed.push(String(value));
    }
  }
  return [...new Set(fixed)];
}

function hiddenFailure(visible: CheckResult, hidden: CheckResult, run: HiddenRun): CheckResult {
  const changed = differences(run);
  const inputs = changed.length ? ` (${changed.slice(0, 3).join(', ')})` : '';
  const fixed = fixedAnswers(run, hidden.message ?? '');
  const cause = fixed.length
    ? ` The program gave the same answer (${fixed.map((f) => `\`${f}\``).join(', ')}) for a different input: it looks fixed in the code, not computed from the input.`
    : '';
  const message = `This passes with the scenario's inputs but not with different ones the grader chose${inputs}, seed ${run.seed}: ${hidden.message ?? 'the check did not pass'}${cause}`;
  return { ...visible, status: 'fail', message, ...(hidden.output !== undefined ? { output: hidden.output } : {}) };
}

/** The visible run's results, with every check that only the hidden run failed failing too. */
export function withHiddenRun(visible: CheckResults, run: HiddenRun): CheckResults {
  if (visible.status === 'error' && visible.tests.every((t) => t.status !== 'pass')) return visible;
  const tests = visible.tests.map((test, i) => {
    const hidden = run.results.tests[i];
    return test.status === 'pass' && hidden && hidden.status !== 'pass' ? hiddenFailure(test, hidden, run) : test;
  });
  if (visible.status === 'error') return { ...visible, tests };
  if (run.results.status === 'error' && run.results.message && tests.every((t) => t.status === 'pass')) {
    return { version: 2, status: 'error', tests, message: `With different inputs (seed ${run.seed}) the run failed: ${run.results.message}` };
  }
  return { ...visible, status: tests.some((t) => t.status === 'fail') ? 'fail' : visible.status, tests };
}
