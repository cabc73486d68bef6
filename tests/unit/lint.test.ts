import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findComponentIds, formatProblem, lintCourse } from '../../src/course/lint.ts';
import { copyFixtureCourse, editFile, fixtureCourse } from '../helpers/content.ts';

describe('lintCourse', () => {
  it('finds no problem in the fixture course', () => {
    expect(lintCourse(fixtureCourse)).toEqual([]);
  });

  it('names the lesson file and line of an unknown glossary term', () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, 'lessons/02-second-steps.mdx'), (t) => t.replace('## Last', '## Last\n\nA <Term id="provider">provider</Term>.'));
    const problems = lintCourse(dir);
    expect(problems).toEqual([
      { file: 'lessons/02-second-steps.mdx', line: 23, message: '<Term id="provider">: no term "provider" in glossary.yaml' },
    ]);
    expect(formatProblem(problems[0]!, dir)).toBe(`${dir}/lessons/02-second-steps.mdx:23: <Term id="provider">: no term "provider" in glossary.yaml`);
  });

  it('reports an exercise id that has no folder', () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, 'lessons/01-first-steps.mdx'), (t) => `${t}\n<Exercise id="no-such-exercise" />\n`);
    expect(lintCourse(dir)).toContainEqual(
      expect.objectContaining({ file: 'lessons/01-first-steps.mdx', message: expect.stringContaining('no folder exercises/no-such-exercise/') }),
    );
  });

  it('reports an incomplete exercise folder and an exercise of an unknown lesson', () => {
    const dir = copyFixtureCourse();
    fs.mkdirSync(path.join(dir, 'exercises/half-done'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'exercises/half-done/exercise.yaml'),
      'title: Half done\nlesson: no-such-lesson\nprompt: Add a span around the work.\nscenario: drive.ts\nhints: [Use startActiveSpan.]\n',
    );
    fs.writeFileSync(path.join(dir, 'exercises/half-done/starter.ts'), 'export {};\n');
    const messages = lintCourse(dir).map((p) => `${p.file}: ${p.message}`);
    expect(messages).toEqual([
      'exercises/half-done/solution.ts: file is missing',
      'exercises/half-done/checks.ts: file is missing',
      'exercises/half-done/exercise.yaml: lesson: no lesson with slug "no-such-lesson"',
      'exercises/half-done/exercise.yaml: scenario: no file drive.ts in exercises/half-done/',
    ]);
  });

  it('names the field of an exercise.yaml that does not match the schema', () => {
    const dir = copyFixtureCourse();
    fs.mkdirSync(path.join(dir, 'exercises/bad-meta'), { recursive: true });
    for (const f of ['starter.ts', 'solution.ts', 'checks.ts']) fs.writeFileSync(path.join(dir, 'exercises/bad-meta', f), 'export {};\n');
    fs.writeFileSync(path.join(dir, 'exercises/bad-meta/exercise.yaml'), 'title: Bad\nlesson: first-steps\nprompt: Do the thing well.\nhints: []\ntimeLimitMs: fast\n');
    expect(lintCourse(dir).map((p) => `${p.file}: ${p.message}`)).toEqual([
      'exercises/bad-meta/exercise.yaml: timeLimitMs: Invalid input: expected number, received string',
      'exercises/bad-meta/exercise.yaml: hints: Too small: expected array to have >=1 items',
    ]);
  });

  it('reports two lessons with the same slug and a glossary that is not valid YAML', () => {
    const dir = copyFixtureCourse();
    fs.copyFileSync(path.join(dir, 'lessons/01-first-steps.mdx'), path.join(dir, 'lessons/03-first-steps.mdx'));
    fs.writeFileSync(path.join(dir, 'glossary.yaml'), 'span:\n  term: Span\n definition: bad indent\n');
    const problems = lintCourse(dir);
    expect(problems.find((p) => p.file === 'glossary.yaml')).toMatchObject({ line: 3, message: expect.stringContaining('invalid YAML') });
    expect(problems).toContainEqual({ file: 'lessons/03-first-steps.mdx', message: 'slug "first-steps" is also used by lessons/01-first-steps.mdx; rename one file' });
  });

  it('finds component ids with either quote style and flags non-literal ids', () => {
    const source = 'a <Term id="span">x</Term>\nb <Term\n  id=\'trace\'>y</Term> <Term id={dynamic}>z</Term>';
    expect(findComponentIds(source, 'Term')).toEqual([
      { id: 'span', line: 1 },
      { id: 'trace', line: 2 },
      { id: '', line: 3 },
    ]);
  });
});
