import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeBlockLabel, parseFenceMeta, stripHiddenPrelude } from '../../src/course/code-blocks.ts';
import { checkSnippets } from '../../src/course/snippet-check.ts';
import { checkedBlocks, extractCodeBlocks, importedPackages, snippetFileNames, uncheckedBlocks } from '../../src/course/snippets.ts';
import { fixtureCourse } from '../helpers/content.ts';

/** A one-lesson course in a temporary folder. */
function lessonCourse(lines: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snippets-'));
  fs.mkdirSync(path.join(dir, 'lessons'));
  fs.writeFileSync(path.join(dir, 'lessons/01-lesson.mdx'), ['---', 'title: Lesson', '---', '', ...lines].join('\n'));
  return dir;
}

// The first check against SDK 3.x may install scripts/otel-3x (npm ci).
const INSTALL_TIMEOUT_MS = 180_000;

describe('lesson code blocks', () => {
  it('compiles every TypeScript block of every lesson against the installed packages', async () => {
    const result = await checkSnippets({ contentDir: fixtureCourse });
    const report = result.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`).join('\n');
    expect(report).toBe('');
    expect(result).toMatchObject({ lessons: 3, blocks: 2 });
    for (const skipped of result.skipped) expect(skipped.reason).not.toBe('');
  }, INSTALL_TIMEOUT_MS);

  it('checks blocks marked otel=3 against the 3.x packages, otel=2+3 against both, others against 2.x', async () => {
    // NodeSDK's deprecated singular `spanProcessor` option exists in sdk-node 0.223 and is gone in 0.301.
    const block = [
      "import { NodeSDK } from '@opentelemetry/sdk-node';",
      "import { ConsoleSpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';",
      'new NodeSDK({ spanProcessor: new SimpleSpanProcessor({ exporter: new ConsoleSpanExporter() }) }).start();',
    ];
    const dir = lessonCourse(['```ts', ...block, '```', '', '```ts otel=3', ...block, '```', '', '```ts otel=2+3', ...block, '```']);
    const result = await checkSnippets({ contentDir: dir });
    expect(result.blocks).toBe(3);
    expect(result.otel3Blocks).toBe(2);
    expect(result.errors.map((e) => [e.line, e.code])).toEqual([
      [14, 'TS2561'],
      [20, 'TS2561'],
    ]);
  }, INSTALL_TIMEOUT_MS);

  it('rejects the old tracer-provider packages outside legacy blocks, and nocheck without a reason', async () => {
    const old = ["import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';", 'export const provider = new BasicTracerProvider();'];
    const dir = lessonCourse(['```ts', ...old, '```', '', '```ts legacy', ...old, '```', '', '```ts nocheck', 'x;', '```']);
    const result = await checkSnippets({ contentDir: dir });
    expect(result.errors.map((e) => [e.line, e.code])).toEqual([
      [5, 'COURSE'],
      [5, 'COURSE'],
      [15, 'COURSE'],
    ]);
    expect(result.errors[0]!.message).toContain('@opentelemetry/sdk-trace-base');
    expect(result.errors[1]!.message).toContain('BasicTracerProvider');
    expect(result.blocks).toBe(2);
    expect(result.skipped).toEqual([{ file: expect.stringMatching(/01-lesson\.mdx$/), line: 15, reason: '' }]);
  });

  it('rejects a 3.x import that the 3.x folder does not pin', async () => {
    const dir = lessonCourse(['```ts otel=3', "import { ZoneContextManager } from '@opentelemetry/context-zone';", 'new ZoneContextManager();', '```']);
    const fakeFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'otel-3x-'));
    fs.writeFileSync(path.join(fakeFolder, 'package.json'), JSON.stringify({ dependencies: { '@opentelemetry/api': '1.10.0' } }));
    // An empty lock file whose hash is already stamped: nothing to install, nothing resolves.
    fs.writeFileSync(path.join(fakeFolder, 'package-lock.json'), '{}');
    fs.mkdirSync(path.join(fakeFolder, 'node_modules'));
    const { createHash } = await import('node:crypto');
    fs.writeFileSync(path.join(fakeFolder, 'node_modules/.course-lock-sha256'), createHash('sha256').update('{}').digest('hex'));
    const { errors } = await checkSnippets({ contentDir: dir, otel3xDir: fakeFolder });
    expect(errors[0]).toMatchObject({ line: 5, code: 'COURSE' });
    expect(errors[0]!.message).toContain('@opentelemetry/context-zone');
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
      { lang: 'ts', meta: { title: 'a.ts', legacy: true, otel: [2] }, code: 'const a = 1;\n  nested();', firstLine: 4 },
      { lang: 'sh', meta: { legacy: false, otel: [2] }, code: 'npm i', firstLine: 9 },
    ]);
    expect(checkedBlocks(source)).toHaveLength(1);
    expect(uncheckedBlocks(source)).toEqual([]);
  });

  it('reads otel=3, legacy="1.x" and nocheck="why" from the fence, and labels the block', () => {
    expect(parseFenceMeta('title="tracing.ts" otel=3')).toEqual({ title: 'tracing.ts', legacy: false, otel: [3] });
    expect(parseFenceMeta('legacy="1.x" nocheck="SDK 1.x is not installed"')).toEqual({
      legacy: true,
      legacyLine: '1.x',
      otel: [2],
      nocheck: 'SDK 1.x is not installed',
    });
    expect(parseFenceMeta('otel=2+3').otel).toEqual([2, 3]);
    expect(codeBlockLabel(parseFenceMeta('title="tracing.ts" otel=3'))).toBe('tracing.ts · SDK 3.x');
    expect(codeBlockLabel(parseFenceMeta('otel=2+3'))).toBe('SDK 2.x and 3.x');
    expect(codeBlockLabel(parseFenceMeta('legacy="1.x"'))).toBe('Old API, SDK 1.x: do not copy');
    expect(codeBlockLabel(parseFenceMeta('legacy'))).toBe('Old API: do not copy');
    expect(codeBlockLabel(parseFenceMeta(''))).toBeUndefined();
  });

  it('lists the packages a block imports', () => {
    const code = "import { a } from '@opentelemetry/sdk-trace-base';\nimport b from 'pg/lib/x';\nimport './local.js';\nimport { c } from 'node:fs';\nconst d = await import('@opentelemetry/api');";
    expect(importedPackages(code)).toEqual(['@opentelemetry/sdk-trace-base', 'pg', '@opentelemetry/api']);
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
