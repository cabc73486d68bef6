import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripHiddenPrelude } from '../../src/course/code-blocks.ts';
import { checkSnippets } from '../../src/course/snippet-check.ts';
import { checkedBlocks, extractCodeBlocks, snippetFileNames } from '../../src/course/snippets.ts';
import { fixtureCourse } from '../helpers/content.ts';

describe('lesson code blocks', () => {
  it('compiles every TypeScript block of every lesson against the installed packages', async () => {
    const result = await checkSnippets({ contentDir: fixtureCourse });
    const report = result.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`).join('\n');
    expect(report).toBe('');
    expect(result).toMatchObject({ lessons: 3, blocks: 2 });
  });

  it('reports a type error at its line in the lesson file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snippets-'));
    fs.mkdirSync(path.join(dir, 'lessons'));
    fs.writeFileSync(
      path.join(dir, 'lessons/01-broken.mdx'),
      [
        '---', 'title: Broken', '---', '',
        '```ts title="tracing.ts"',
        "import { trace } from '@opentelemetry/api';",
        "export const tracer = trace.getTracer('x');",
        '```', '',
        '```ts',
        "import { tracer } from './tracing.js';",
        "tracer.startActiveSpan('a', (span) => span.finish());",
        '```',
      ].join('\n'),
    );
    const { errors } = await checkSnippets({ contentDir: dir });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 12, code: 'TS2339' });
    expect(errors[0]!.file).toMatch(/01-broken\.mdx$/);
    expect(errors[0]!.message).toContain("Property 'finish' does not exist");
  });

  it('finds fences inside list items and reads their meta', () => {
    const source = ['- step', '', '  ```ts title="a.ts" legacy', '  const a = 1;', '    nested();', '  ```', '', '~~~sh', 'npm i', '~~~'].join('\n');
    const blocks = extractCodeBlocks(source);
    expect(blocks).toEqual([
      { lang: 'ts', meta: { title: 'a.ts', legacy: true, nocheck: false }, code: 'const a = 1;\n  nested();', firstLine: 4 },
      { lang: 'sh', meta: { title: undefined, legacy: false, nocheck: false }, code: 'npm i', firstLine: 9 },
    ]);
    expect(checkedBlocks(source)).toEqual([]);
  });

  it('names files by title and numbers repeats', () => {
    const blocks = extractCodeBlocks('```ts title="t.ts"\n1\n```\n```ts\n2\n```\n```ts title="t.ts"\n3\n```');
    expect(snippetFileNames(blocks)).toEqual(['t.ts', 'snippet-2.ts', 't.3.ts']);
  });

  it('hides the prelude above the cut marker from the learner', () => {
    expect(stripHiddenPrelude('declare const x: number;\n// ---cut---\nconsole.log(x);')).toBe('console.log(x);');
    expect(stripHiddenPrelude('console.log(1);')).toBe('console.log(1);');
  });
});
