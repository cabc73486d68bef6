import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mdxCompileProblems } from '../../src/course/mdx-compile-check.ts';
import { checkContent } from '../../src/grading/check-content.ts';
import { buildNodeHarness } from '../../src/runtime/node-harness-bundle.ts';
import { appendedLine, copyFixtureCourse, editFile, fixtureCourse } from '../helpers/content.ts';

describe('compiling every lesson as the build does', () => {
  it('compiles the fixture course', async () => {
    expect(await mdxCompileProblems(fixtureCourse)).toEqual([]);
  });

  it('names an unclosed component with its lesson, line and how to close it', async () => {
    const dir = copyFixtureCourse();
    const line = appendedLine(path.join(dir, 'lessons/02-second-steps.mdx'), '<Aside type="tip">never closed\n\nMore text.\n');
    expect(await mdxCompileProblems(dir)).toEqual([
      {
        file: 'lessons/02-second-steps.mdx',
        line,
        message:
          'does not compile: Expected a closing tag for `<Aside>` before the end of `paragraph`; close it with </Aside> (in the same paragraph, or after a blank line on a line of its own), or write <Aside ... /> if it has no content',
      },
    ]);
  });

  it('suggests escaping a brace that starts a broken expression', async () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, 'lessons/01-first-steps.mdx'), (t) => `${t}\nThe attributes are {service.name: "shop"\n`);
    const [problem] = await mdxCompileProblems(dir);
    expect(problem).toMatchObject({ file: 'lessons/01-first-steps.mdx', message: expect.stringContaining('write \\{ for a literal brace') });
  });

  it('fails check:content on a lesson that does not compile', async () => {
    await buildNodeHarness();
    const dir = copyFixtureCourse();
    const line = appendedLine(path.join(dir, 'lessons/02-second-steps.mdx'), '<Aside type="tip">never closed\n\nMore text.\n');
    const { problems } = await checkContent(dir, ['node']);
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${dir}/lessons/02-second-steps\\.mdx:${line}: does not compile: Expected a closing tag for \`<Aside>\``))]);
  });
});
