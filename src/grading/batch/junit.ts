import type { CheckResult } from '../../checks/index.ts';
import type { BatchResults, GradedSubmission } from './batch.ts';

/** Characters XML 1.0 cannot hold at all (a program's output may contain them). */
const INVALID = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(value: string): string {
  return value.replace(INVALID, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

const attrs = (values: Record<string, string | number>) =>
  Object.entries(values)
    .map(([k, v]) => `${k}="${xmlAttribute(String(v))}"`)
    .join(' ');

function testcase(suite: string, test: CheckResult): string {
  const head = `    <testcase ${attrs({ name: test.name, classname: suite })}`;
  const out = test.output === undefined ? '' : `\n      <system-out>${xmlText(test.output)}</system-out>`;
  if (test.status === 'pass') return out ? `${head}>${out}\n    </testcase>` : `${head}/>`;
  const element = test.status === 'fail' ? 'failure' : 'error';
  const message = test.message ?? test.status;
  return `${head}>\n      <${element} ${attrs({ message: message.split('\n')[0] ?? '', type: test.status })}>${xmlText(message)}</${element}>${out}\n    </testcase>`;
}

function testsuite(exerciseId: string, submission: GradedSubmission): string {
  const { results } = submission;
  const suite = `${exerciseId}.${submission.file}`;
  const count = (status: string) => results.tests.filter((t) => t.status === status).length;
  // A run that could not be checked at all has no checks to list: one error case says why.
  const cases = results.tests.length
    ? results.tests.map((t) => testcase(suite, t))
    : [testcase(suite, { name: 'grading', status: 'error', message: results.message ?? 'Not checked.' })];
  const errors = results.tests.length ? count('error') : 1;
  const err = results.message === undefined ? '' : `\n    <system-err>${xmlText(results.message)}</system-err>`;
  const head = attrs({ name: submission.file, tests: Math.max(1, results.tests.length), failures: count('fail'), errors, time: submission.seconds.toFixed(3) });
  return `  <testsuite ${head}>\n${cases.join('\n')}${err}\n  </testsuite>`;
}

/**
 * The batch as JUnit XML, the report format CI systems show: one `testsuite` per submission,
 * one `testcase` per check (`failure` when it failed, `error` when it could not run), and the
 * run's own message (the program's error) as the suite's `system-err`.
 */
export function formatJunit(batch: BatchResults): string {
  const suites = batch.submissions.map((s) => testsuite(batch.exercise.id, s));
  const tests = batch.submissions.reduce((n, s) => n + Math.max(1, s.results.tests.length), 0);
  const failures = batch.submissions.reduce((n, s) => n + s.results.tests.filter((t) => t.status === 'fail').length, 0);
  const errors = batch.submissions.reduce((n, s) => n + (s.results.tests.length ? s.results.tests.filter((t) => t.status === 'error').length : 1), 0);
  const head = attrs({ name: `${batch.exercise.title} (${batch.exercise.id})`, tests, failures, errors, time: batch.seconds.toFixed(3) });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${head}>\n${suites.join('\n')}\n</testsuites>\n`;
}
