import type { CheckContext } from './context.ts';

/** One graded check: a title the learner sees and a function that asserts over the run. */
export interface Check {
  readonly title: string;
  readonly test: (t: CheckContext) => unknown;
}

/**
 * A check. `test` calls assertions from its argument and fails at the first one that does not
 * hold: `check('Charge payment is a child of processCheckout', ({ span }) => span('charge payment').isChildOf('processCheckout'))`.
 */
export function check(title: string, test: (t: CheckContext) => void): Check {
  return Object.freeze({ title, test });
}

/**
 * An exercise's checks, in the order the learner sees them: the default export of `checks.ts`.
 * Throws (when `checks.ts` is imported) on a mistake the course verifier should report.
 */
export function defineChecks(checks: readonly Check[]): readonly Check[] {
  if (!Array.isArray(checks) || checks.length === 0) throw new Error('defineChecks: give at least one check.');
  const seen = new Set<string>();
  checks.forEach((c, i) => {
    if (typeof c?.test !== 'function') throw new Error(`defineChecks: item ${i + 1} is not a check; write check('title', (t) => ...).`);
    if (typeof c.title !== 'string' || !c.title.trim()) throw new Error(`defineChecks: check ${i + 1} has no title.`);
    if (seen.has(c.title)) throw new Error(`defineChecks: two checks are titled "${c.title}"; titles must be unique.`);
    seen.add(c.title);
  });
  return Object.freeze([...checks]);
}
