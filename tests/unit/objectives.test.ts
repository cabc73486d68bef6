import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, lintCourse } from '../../src/course/lint.ts';
import { coverageTable, nearestObjective, objectiveCoverage } from '../../src/course/objectives.ts';
import { copyFixtureCourse, editFile, fixtureCourse } from '../helpers/content.ts';

const lesson1 = 'lessons/01-first-steps.mdx';
const helloYaml = 'exercises/hello-span/exercise.yaml';
const checkoutYaml = 'exercises/checkout/exercise.yaml';
const wrap = 'Wrap a piece of work in a span with an attribute.';
const tree = 'Trace a request as one tree of nested spans.';

describe('lesson objectives and the exercises that practise them', () => {
  it('covers every objective of the fixture course and lists which exercise practises each', () => {
    const { rows, problems } = objectiveCoverage(fixtureCourse);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { lesson: 'first-steps', objective: wrap, exercises: ['hello-span'] },
      { lesson: 'first-steps', objective: tree, exercises: ['checkout'] },
    ]);
    expect(coverageTable(rows).split('\n')).toEqual([
      expect.stringMatching(/^lesson\s+objective\s+exercises$/),
      expect.stringMatching(/^first-steps\s+Wrap a piece of work in a span with an attribute\.\s+hello-span$/),
      expect.stringMatching(/^first-steps\s+Trace a request as one tree of nested spans\.\s+checkout$/),
    ]);
  });

  it('names the lesson file, line and objective that no exercise practises', () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, checkoutYaml), (t) => t.replace(`objectives:\n  - ${tree}\n`, `objectives:\n  - ${wrap}\n`));
    const { rows, problems } = objectiveCoverage(dir);
    expect(rows.find((r) => r.objective === tree)).toEqual({ lesson: 'first-steps', objective: tree, exercises: [] });
    expect(problems.map((p) => formatProblem(p))).toEqual([
      `${lesson1}:7: objective 2, "${tree}", has no exercise: name it in the \`objectives\` of an exercise of this lesson (its exercises: checkout, hello-span), write one, or reword the objective`,
    ]);
    expect(coverageTable(rows)).toMatch(/Trace a request as one tree of nested spans\.\s+✗ none/);
    // Coverage is check:content's: the build still lints clean, so a lesson can be written first.
    expect(lintCourse(dir)).toEqual([]);
  });

  it('says a lesson has no exercise yet when its objectives have none', () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, 'lessons/03-passing-context.mdx'), (t) => t.replace('order: 3\n', 'order: 3\nobjectives:\n  - Carry the trace to another service.\n'));
    expect(objectiveCoverage(dir).problems.map((p) => formatProblem(p))).toEqual([
      'lessons/03-passing-context.mdx:5: objective 1, "Carry the trace to another service.", has no exercise: name it in the `objectives` of an exercise of this lesson (it has no exercise yet), write one, or reword the objective',
    ]);
  });

  it('fails the lint when an objective is reworded, naming the exercise file, line, field and nearest objective', () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, lesson1), (t) => t.replace(tree, 'Trace one request as a single tree of nested spans.'));
    expect(lintCourse(dir).map((p) => formatProblem(p))).toEqual([
      `${checkoutYaml}:4: objectives[0]: "${tree}" is not an objective of ${lesson1}; the nearest is objective 2, "Trace one request as a single tree of nested spans." (reworded? copy the lesson's text)`,
    ]);
  });

  it('follows an objective that moves: the reference is its text, not its position', () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, lesson1), (t) => t.replace(`  - ${wrap}\n  - ${tree}\n`, `  - ${tree}\n  - ${wrap}\n`));
    expect(lintCourse(dir)).toEqual([]);
    expect(objectiveCoverage(dir).rows.map((r) => [r.objective, r.exercises])).toEqual([[tree, ['checkout']], [wrap, ['hello-span']]]);
  });

  it('accepts an objective folded over two lines of YAML', () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, helloYaml), (t) => t.replace(`  - ${wrap}\n`, '  - >-\n    Wrap a piece of work in a span\n    with an attribute.\n'));
    expect(lintCourse(dir)).toEqual([]);
    expect(objectiveCoverage(dir).problems).toEqual([]);
  });

  it('requires objectives of an exercise whose lesson has them, and lists them to copy', () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, helloYaml), (t) => t.replace(`objectives:\n  - ${wrap}\n`, ''));
    expect(lintCourse(dir).map((p) => formatProblem(p))).toEqual([
      `${helloYaml}: \`objectives\` is missing: name the objective(s) of ${lesson1} that this exercise practises, copied word for word:\n  1. ${wrap}\n  2. ${tree}`,
    ]);
  });

  it('refuses objectives in an exercise of a lesson that has none, and an objectives field that is not a list', () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, helloYaml), (t) => t.replace('lesson: first-steps', 'lesson: second-steps'));
    editFile(path.join(dir, 'lessons/02-second-steps.mdx'), (t) => `${t}\n<Exercise id="hello-span" />\n`);
    editFile(path.join(dir, lesson1), (t) => t.replace('<Exercise id="hello-span" />', ''));
    expect(lintCourse(dir).map((p) => formatProblem(p))).toContainEqual(
      `${helloYaml}:3: objectives: lessons/02-second-steps.mdx has no objectives; add them to the lesson, or remove \`objectives\` here`,
    );
    editFile(path.join(dir, checkoutYaml), (t) => t.replace(`objectives:\n  - ${tree}\n`, `objectives: ${tree}\n`));
    expect(lintCourse(dir).map((p) => formatProblem(p))).toContainEqual(`${checkoutYaml}:3: objectives: Invalid input: expected array, received string`);
  });

  it('finds the nearest objective however far a rewording goes', () => {
    expect(nearestObjective('Read a waterfall and find the slowest span', ['Set up a tracer provider.', 'Read a trace waterfall to find the bottleneck.'])).toBe('Read a trace waterfall to find the bottleneck.');
    expect(nearestObjective('anything', [])).toBeUndefined();
  });
});
