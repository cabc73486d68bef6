import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExercise } from '../../src/exercises/load.ts';
import { gradeBatch, submissionsIn, type BatchResults } from '../../src/grading/batch/batch.ts';
import { formatJunit, xmlAttribute } from '../../src/grading/batch/junit.ts';
import { formatTable } from '../../src/grading/batch/table.ts';
import { gradeSubmission } from '../../src/grading/grade.ts';
import { NodeRuntime } from '../../src/runtime/node-runtime.ts';
import { RunSession } from '../../src/runtime/run-session.ts';
import { batchExit } from '../../scripts/grade.ts';
import { fixtureCourse, repoRoot } from '../helpers/content.ts';

const batch: BatchResults = {
  version: 1,
  exercise: { id: 'hello-span', title: 'Say hello' },
  summary: { total: 3, pass: 1, fail: 1, error: 1 },
  seconds: 2.5,
  submissions: [
    { file: 'ada.ts', seconds: 1.25, results: { version: 2, status: 'pass', tests: [{ name: 'A span', status: 'pass' }] } },
    {
      file: 'bob.ts',
      seconds: 0.5,
      results: {
        version: 2,
        status: 'fail',
        message: 'Your program stopped with an error: boom <&> "x"',
        tests: [{ name: 'A span', status: 'fail', message: 'Expected a span named `say hello`,\nbut there is none.', output: 'hi\u0001' }],
      },
    },
    {
      file: 'cy.ts',
      seconds: 0.1,
      results: { version: 2, status: 'error', message: 'Your code did not compile, so it was not checked:\nhello.ts, line 1', tests: [] },
    },
  ],
};

describe('batch grading reports', () => {
  it('a table: a row per submission with status, checks passed, seconds and the first problem, then the totals', () => {
    expect(formatTable(batch).split('\n')).toEqual([
      'submission  status  checks  seconds  first problem',
      '----------  ------  ------  -------  -------------',
      'ada.ts      pass    1/1     1.3',
      'bob.ts      fail    0/1     0.5      Your program stopped with an error: boom <&> "x"',
      'cy.ts       error   0/0     0.1      Your code did not compile, so it was not checked:',
      '',
      'Say hello (hello-span): 3 submissions, 1 passed, 1 failed, 1 could not be checked, in 2.5 s.',
    ]);
  });

  it('JUnit XML: a suite per submission, a case per check, failures and errors with their messages, escaped', () => {
    const xml = formatJunit(batch);
    expect(xml).toContain('<testsuites name="Say hello (hello-span)" tests="3" failures="1" errors="1" time="2.500">');
    expect(xml).toContain('<testsuite name="ada.ts" tests="1" failures="0" errors="0" time="1.250">\n    <testcase name="A span" classname="hello-span.ada.ts"/>');
    expect(xml).toContain(
      '<failure message="Expected a span named `say hello`," type="fail">Expected a span named `say hello`,\nbut there is none.</failure>\n      <system-out>hi\uFFFD</system-out>',
    );
    expect(xml).toContain('<system-err>Your program stopped with an error: boom &lt;&amp;&gt; "x"</system-err>');
    expect(xml).toContain('<testcase name="grading" classname="hello-span.cy.ts">\n      <error message="Your code did not compile, so it was not checked:" type="error">');
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
    expect(xmlAttribute('a"b\nc<')).toBe('a&quot;b&#10;c&lt;');
  });

  it('an exit status from the worst submission', () => {
    expect(batchExit(batch)).toBe(3);
    expect(batchExit({ ...batch, submissions: batch.submissions.slice(0, 2) })).toBe(1);
    expect(batchExit({ ...batch, submissions: batch.submissions.slice(0, 1) })).toBe(0);
  });
});

describe('grading a folder', () => {
  const exercise = loadExercise(path.join(fixtureCourse), 'hello-span');
  let folder: string;
  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'batch-'));
    fs.writeFileSync(path.join(folder, 'solution.ts'), exercise.solution);
    fs.writeFileSync(path.join(folder, 'starter.ts'), exercise.starter);
    fs.writeFileSync(path.join(folder, 'broken.ts'), 'export function main( {\n');
    fs.writeFileSync(path.join(folder, 'notes.md'), 'not a submission');
    fs.writeFileSync(path.join(folder, '.hidden.ts'), 'not a submission either');
    fs.mkdirSync(path.join(folder, 'nested'));
    fs.writeFileSync(path.join(folder, 'nested', 'deep.ts'), exercise.solution);
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('grades every file of the exercise’s kind directly in it, in name order, whatever the order they finish in', async () => {
    const files = submissionsIn(folder, ['.ts']);
    expect(files).toEqual(['broken.ts', 'solution.ts', 'starter.ts']);
    const grade = async (code: string) => (await gradeSubmission(exercise, code, new RunSession(new NodeRuntime()))).results;
    const graded = await gradeBatch(exercise, folder, files, grade, 2);
    expect(graded.submissions.map((s) => [s.file, s.results.status])).toEqual([
      ['broken.ts', 'error'],
      ['solution.ts', 'pass'],
      ['starter.ts', 'fail'],
    ]);
    expect(graded.summary).toEqual({ total: 3, pass: 1, fail: 1, error: 1 });
  });

  it('turns a submission whose grading throws into an error row', async () => {
    const graded = await gradeBatch(exercise, folder, ['missing.ts'], async () => ({ version: 2, status: 'pass', tests: [] }));
    expect(graded.submissions[0]!.results).toMatchObject({ status: 'error', message: expect.stringMatching(/^Could not grade missing\.ts: ENOENT/) });
  });

  it('npm run grade on a folder prints only JSON with --json, writes the JSON and JUnit files, and exits with the worst status', () => {
    const out = path.join(folder, 'out');
    const cli = spawnSync(
      process.execPath,
      [path.join(repoRoot, 'scripts/grade.ts'), 'hello-span', folder, '--json', '--results', path.join(out, 'r.json'), '--junit', path.join(out, 'r.xml'), '--jobs', '2'],
      { cwd: repoRoot, env: { ...process.env, COURSE_CONTENT_DIR: fixtureCourse, INIT_CWD: folder }, encoding: 'utf8' },
    );
    expect(cli.status, cli.stderr).toBe(3);
    const printed = JSON.parse(cli.stdout) as BatchResults;
    expect(printed.summary).toEqual({ total: 3, pass: 1, fail: 1, error: 1 });
    expect(JSON.parse(fs.readFileSync(path.join(out, 'r.json'), 'utf8'))).toEqual(printed);
    expect(fs.readFileSync(path.join(out, 'r.xml'), 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name=".*\(hello-span\)" tests="\d+"/);
  });

  it('npm run grade on one file prints only Exercism’s results.json with --json, and exits 0 when it passes', () => {
    const cli = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/grade.ts'), 'hello-span', 'solution.ts', '--json'], {
      cwd: repoRoot,
      env: { ...process.env, COURSE_CONTENT_DIR: fixtureCourse, INIT_CWD: folder },
      encoding: 'utf8',
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ version: 2, status: 'pass' });
  });
});
