import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/grading/check-content.ts';
import { buildNodeHarness } from '../../src/runtime/node-harness-bundle.ts';
import { copyFixtureCourse, editFile } from '../helpers/content.ts';

const exercise = (dir: string, file: string) => path.join(dir, 'exercises/hello-span', file);

describe('check:content (host Node)', () => {
  it('passes the fixture course, from a folder outside the repository', async () => {
    await buildNodeHarness();
    const report = await checkContent(copyFixtureCourse(), ['node']);
    expect(report.problems).toEqual([]);
    expect(report.graded).toEqual([
      { id: 'checkout', runtime: 'node', solution: 'pass', starterFailed: 6 },
      { id: 'hello-span', runtime: 'node', solution: 'pass', starterFailed: 2 },
      { id: 'read-checkout', runtime: 'node', solution: 'pass', starterFailed: 3 },
    ]);
    // No build and no Worker without the worker runtime; each part ends within the whole run.
    expect(Object.keys(report.parts).sort()).toEqual(['host Node', 'text checks', 'types']);
    for (const seconds of Object.values(report.parts)) expect(seconds).toBeLessThanOrEqual(report.seconds);
  });

  it('names a solution that fails, with the failing check', async () => {
    const dir = copyFixtureCourse();
    editFile(exercise(dir, 'solution.ts'), (t) => t.replace("'Ada'", "'Grace'"));
    const { problems } = await checkContent(dir, ['node']);
    expect(problems).toEqual([expect.stringMatching(/^exercises\/hello-span\/solution\.ts does not pass in node: It names who is greeted: .*greeting\.name/)]);
  });

  it('names a starter that passes every check', async () => {
    const dir = copyFixtureCourse();
    fs.copyFileSync(exercise(dir, 'solution.ts'), exercise(dir, 'starter.ts'));
    const { problems } = await checkContent(dir, ['node']);
    expect(problems).toEqual(['exercises/hello-span/starter.ts passes every check in node: a starter must fail at least one']);
  });

  it('names a checks file that throws, an exercise that does not type-check and a broken lesson field', async () => {
    const dir = copyFixtureCourse();
    editFile(exercise(dir, 'checks.ts'), (t) => t.replace("check('It names who is greeted'", "check('There is a `say hello` span'"));
    editFile(exercise(dir, 'starter.ts'), (t) => t.replace("console.log('hello, Ada');", "const n: number = 'one';\n  console.log('hello, Ada', n);"));
    editFile(path.join(dir, 'lessons/01-first-steps.mdx'), (t) => t.replace('order: 1', 'order: -1'));
    const { problems } = await checkContent(dir, ['node']);
    expect(problems.find((p) => p.includes('01-first-steps.mdx'))).toMatch(/01-first-steps\.mdx:3: order: /);
    expect(problems.find((p) => p.startsWith('exercises/hello-span:'))).toMatch(/unique|duplicate|title/i);
    // The parts run side by side, but the lessons' problems still come before the exercises'.
    expect(problems.findIndex((p) => p.includes('01-first-steps.mdx'))).toBeLessThan(problems.findIndex((p) => p.startsWith('exercises/hello-span:')));
  });

  it('names a type error in a starter at its line', async () => {
    const dir = copyFixtureCourse();
    const line = fs.readFileSync(exercise(dir, 'starter.ts'), 'utf8').split('\n').findIndex((l) => l.includes("console.log('hello, Ada');")) + 1;
    editFile(exercise(dir, 'starter.ts'), (t) => t.replace("console.log('hello, Ada');", "const n: number = 'one';\n  console.log('hello, Ada', n);"));
    const { problems } = await checkContent(dir, ['node']);
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`exercises/hello-span/starter\\.ts:${line}:9: TS2322`)));
  });
});
