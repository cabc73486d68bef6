import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseInvariantProblems } from '../../src/grading/course-invariants.ts';
import { copyFixtureCourse, editFile, fixtureCourse } from '../helpers/content.ts';

const appendToLesson = (dir: string, text: string) => editFile(path.join(dir, 'lessons/03-passing-context.mdx'), (t) => `${t}\n${text}\n`);
const lineCount = (dir: string) => fs.readFileSync(path.join(dir, 'lessons/03-passing-context.mdx'), 'utf8').split('\n').length;

describe('content invariants (check:content)', () => {
  it('hold for the fixture course', async () => {
    expect(await courseInvariantProblems(fixtureCourse)).toEqual([]);
  });

  it('name a removed API outside a legacy block, and accept it inside one or beside its replacement', async () => {
    const dir = copyFixtureCourse();
    const first = lineCount(dir) + 1;
    appendToLesson(
      dir,
      [
        'Create a `new Resource({ ... })`.',
        'Replace `new Resource(...)` with `resourceFromAttributes`.',
        '```ts legacy nocheck="the 1.x API, gone from the installed packages"',
        "const old = new Resource({ 'service.name': 'shop' });",
        '```',
      ].join('\n'),
    );
    expect(await courseInvariantProblems(dir)).toEqual([
      `lessons/03-passing-context.mdx:${first}: new Resource( was removed before SDK 2.x; use resourceFromAttributes, or show the old code in a \`\`\`ts legacy block`,
    ]);
  });

  it('name a ratio sampler that is not inside a ParentBasedSampler', async () => {
    const dir = copyFixtureCourse();
    const first = lineCount(dir) + 1;
    appendToLesson(
      dir,
      [
        '```ts',
        "import { ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace';",
        'export const bare = new TraceIdRatioBasedSampler(0.1);',
        'export const wrapped = new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(0.1) });',
        '```',
      ].join('\n'),
    );
    expect(await courseInvariantProblems(dir)).toEqual([expect.stringMatching(new RegExp(`^lessons/03-passing-context\\.mdx:${first + 2}: wrap TraceIdRatioBasedSampler in a ParentBasedSampler`))]);
  });

  it('name a lesson code block that does not compile, at its line', async () => {
    const dir = copyFixtureCourse();
    const first = lineCount(dir) + 1;
    appendToLesson(dir, ['```ts', "import { trace } from '@opentelemetry/api';", "trace.getTracer('x').startSpan('a').finish();", '```'].join('\n'));
    expect(await courseInvariantProblems(dir)).toEqual([expect.stringMatching(new RegExp(`^lessons/03-passing-context\\.mdx:${first + 2}:\\d+: TS2339 Property 'finish' does not exist`))]);
  });
});
