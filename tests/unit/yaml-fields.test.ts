import { describe, expect, it } from 'vitest';
import { courseSchema, exerciseSchema, lessonSchema } from '../../src/course/schemas.ts';
import { nearestName } from '../../src/course/suggest.ts';
import { checkYamlFields, frontmatterOf } from '../../src/course/yaml-fields.ts';

const lesson = (extra: string) =>
  `title: First steps\norder: 1\n${extra}objectives:\n  - Open a lesson.\n`;
const summary = 'summary: The first lesson of the course, with a term.\n';

describe('checkYamlFields', () => {
  it('accepts valid fields and fills defaults', () => {
    const { data, problems } = checkYamlFields(lesson(summary), lessonSchema, 'lesson', 2);
    expect(problems).toEqual([]);
    expect(data).toMatchObject({ title: 'First steps', order: 1, draft: false });
  });

  it('names a misspelt optional key with its line and the field it was meant to be', () => {
    const { data, problems } = checkYamlFields(lesson(`${summary}darft: true\nminuts: 8\n`), lessonSchema, 'lesson', 2);
    expect(data).toBeUndefined();
    expect(problems).toEqual([
      { line: 5, message: '`darft` is not a lesson field; did you mean `draft`?' },
      { line: 6, message: '`minuts` is not a lesson field; did you mean `minutes`?' },
    ]);
  });

  it('names a misspelt required key as unknown and the required one as missing, at the stray key', () => {
    const { problems } = checkYamlFields(lesson('sumary: The first lesson of the course, with a term.\n'), lessonSchema, 'lesson', 2);
    expect(problems).toEqual([
      { line: 4, message: '`summary` is missing (is `sumary` a misspelling of it?): a lesson needs it' },
      { line: 4, message: '`sumary` is not a lesson field; did you mean `summary`?' },
    ]);
  });

  it('lists the valid fields when an unknown key is close to none of them', () => {
    const { problems } = checkYamlFields('title: A course\ntagline: Follow one request.\noutcomes: [x]\ncolour: blue\n', courseSchema, 'course');
    expect(problems).toEqual([{ line: 4, message: '`colour` is not a course field (course fields: title, tagline, outcomes, webcontainer)' }]);
  });

  it('reports a missing key with nothing like it, and a wrong value at the line of its key', () => {
    const yaml = 'title: Bad\nlesson: first-steps\nprompt: Do the thing well.\nhints:\n  - Use a span.\n  - x\ntimeLimitMS: 100\n';
    const messages = checkYamlFields(yaml, exerciseSchema, 'exercise').problems;
    expect(messages).toEqual([
      { line: 6, message: expect.stringMatching(/^hints\.1: Too small/) },
      { line: 7, message: '`timeLimitMS` is not an exercise field; did you mean `timeLimitMs`?' },
    ]);
    expect(checkYamlFields('title: Bad\nlesson: first-steps\nhints: [Use a span.]\n', exerciseSchema, 'exercise').problems).toEqual([
      { message: '`prompt` is missing: an exercise needs it' },
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const { problems } = checkYamlFields('title: x\n  bad: indent\n', courseSchema, 'course', 2);
    expect(problems[0]).toEqual({ line: 2, message: 'invalid YAML: Nested mappings are not allowed in compact mappings' });
  });

  it('finds the frontmatter of an MDX file', () => {
    expect(frontmatterOf('---\ntitle: x\n---\n\n# Hi\n')).toBe('title: x');
    expect(frontmatterOf('# no frontmatter\n')).toBeUndefined();
  });
});

describe('nearestName', () => {
  it('suggests close names only', () => {
    expect(nearestName('darft', ['title', 'draft', 'order'])).toBe('draft');
    expect(nearestName('spna', ['span', 'trace'])).toBe('span');
    expect(nearestName('colour', ['title', 'order'])).toBeUndefined();
  });
});
