import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findComponentIds, formatProblem, lintCourse } from '../../src/course/lint.ts';
import { appendedLine, copyFixtureCourse, editFile, fixtureCourse } from '../helpers/content.ts';

describe('lintCourse', () => {
  it('finds no problem in the fixture course', () => {
    expect(lintCourse(fixtureCourse)).toEqual([]);
  });

  it('names the lesson file and line of an unknown glossary term', () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, 'lessons/02-second-steps.mdx'), (t) => t.replace('## Last', '## Last\n\nA <Term id="provider">provider</Term>.'));
    const problems = lintCourse(dir);
    expect(problems).toEqual([
      { file: 'lessons/02-second-steps.mdx', line: 21, message: '<Term id="provider">: no term "provider" in glossary.yaml' },
    ]);
    expect(formatProblem(problems[0]!, dir)).toBe(`${dir}/lessons/02-second-steps.mdx:21: <Term id="provider">: no term "provider" in glossary.yaml`);
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
    expect(lintCourse(dir).map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([
      'exercises/bad-meta/exercise.yaml:4: hints: Too small: expected array to have >=1 items',
      'exercises/bad-meta/exercise.yaml:5: timeLimitMs: Invalid input: expected number, received string',
    ]);
  });

  it('names misspelt lesson, exercise and course keys with their line and the field they were meant to be', () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, 'lessons/01-first-steps.mdx'), (t) => t.replace('summary:', 'sumary:').replace('minutes: 3', 'minuts: 3\ndarft: true'));
    const exerciseYaml = path.join(dir, 'exercises/hello-span/exercise.yaml');
    const limitLine = appendedLine(exerciseYaml, 'timeLimitMS: 2000\n');
    editFile(path.join(dir, 'course.yaml'), (t) => t.replace('tagline:', 'tagLine:'));
    expect(lintCourse(dir).map((p) => formatProblem(p))).toEqual([
      'course.yaml:2: `tagline` is missing (is `tagLine` a misspelling of it?): a course needs it',
      'course.yaml:2: `tagLine` is not a course field; did you mean `tagline`?',
      'lessons/01-first-steps.mdx:4: `summary` is missing (is `sumary` a misspelling of it?): a lesson needs it',
      'lessons/01-first-steps.mdx:4: `sumary` is not a lesson field; did you mean `summary`?',
      'lessons/01-first-steps.mdx:8: `minuts` is not a lesson field; did you mean `minutes`?',
      'lessons/01-first-steps.mdx:9: `darft` is not a lesson field; did you mean `draft`?',
      `exercises/hello-span/exercise.yaml:${limitLine}: \`timeLimitMS\` is not an exercise field; did you mean \`timeLimitMs\`?`,
    ]);
  });

  it('names a misspelt or missing field of a glossary entry at its line', () => {
    const dir = copyFixtureCourse();
    fs.writeFileSync(path.join(dir, 'glossary.yaml'), 'span:\n  term: Span\n  definiton: One timed operation within a trace.\ntrace:\n  term: Trace\n');
    editFile(path.join(dir, 'lessons/01-first-steps.mdx'), (t) => t.replace(/<Term id="payment-provider">([^<]*)<\/Term>/, '$1'));
    expect(lintCourse(dir).map((p) => formatProblem(p))).toEqual([
      'glossary.yaml:3: `definition` is missing (is `definiton` a misspelling of it?): a glossary term needs it',
      'glossary.yaml:3: `definiton` is not a glossary term field; did you mean `definition`?',
      'glossary.yaml:4: `definition` is missing: a glossary term needs it',
    ]);
  });

  it('suggests the nearest glossary term and exercise id for an unknown one', () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, 'lessons/02-second-steps.mdx'), (t) => `${t}\nA <Term id="spna">span</Term>.\n\n<Exercise id="hello-spam" />\n`);
    expect(lintCourse(dir).map((p) => p.message)).toEqual([
      '<Term id="spna">: no term "spna" in glossary.yaml; did you mean `span`?',
      '<Exercise id="hello-spam">: no folder exercises/hello-spam/; did you mean `hello-span`?',
    ]);
  });

  it('names an exercise that no lesson embeds', () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, 'lessons/01-first-steps.mdx'), (t) => t.replace(/<Exercise id="hello-span"\s*\/>/, ''));
    expect(lintCourse(dir).map((p) => formatProblem(p))).toEqual([
      'exercises/hello-span/exercise.yaml: exercise `hello-span` is not embedded in any lesson: add <Exercise id="hello-span" /> to lessons/01-first-steps.mdx',
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
