import { CheckState } from '../../checks/check-state.ts';
import { isCheckFailure } from '../../checks/failure.ts';
import { summarize, type CheckResult, type CheckResults } from '../../checks/results.ts';
import type { ConfigProblem } from '../config-model.ts';
import { parseCollectorConfig } from '../parse-config.ts';
import { createCollectorContext, describeProblem } from './context.ts';
import type { CollectorCheck } from './define.ts';

export interface CollectorGrade {
  results: CheckResults;
  /** Every problem of the configuration, for the editor to mark at its line. */
  problems: ConfigProblem[];
}

/**
 * Grades a Collector configuration with an exercise's checks: the same Exercism-shaped results
 * as a program's run. A YAML syntax error is the counterpart of a program that does not compile:
 * no check runs, and the result says where the error is.
 */
export function runCollectorChecks(checks: readonly CollectorCheck[], text: string, fileName = 'collector.yaml'): CollectorGrade {
  const parsed = parseCollectorConfig(text);
  if (checks.length === 0) return { results: { version: 2, status: 'error', message: 'This exercise has no checks.', tests: [] }, problems: parsed.problems };
  if (!parsed.config) {
    const first = parsed.problems[0];
    const where = first?.line === undefined ? fileName : `${fileName}:${first.line}:${first.column ?? 1}`;
    return {
      problems: parsed.problems,
      results: {
        version: 2,
        status: 'error',
        message: `${where}: ${first?.message ?? 'the file could not be read'}`,
        tests: checks.map((c) => ({ name: c.title, status: 'error', message: 'Not checked: the file is not valid YAML yet.' })),
      },
    };
  }
  const tests = checks.map((check): CheckResult => {
    const state = new CheckState();
    try {
      check.test(createCollectorContext(parsed, check.traces, state));
    } catch (error) {
      if (isCheckFailure(error)) return { name: check.title, status: 'fail', message: error.message };
      return { name: check.title, status: 'error', message: `The check could not run: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (state.assertions === 0) return { name: check.title, status: 'error', message: 'The check made no assertion, so it could never fail.' };
    return { name: check.title, status: 'pass' };
  });
  return { results: summarize(tests, undefined, 'configuration'), problems: parsed.problems };
}

export { describeProblem };
