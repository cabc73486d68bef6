import { describe, expect, it } from 'vitest';
import { buildWarnings, CHUNK_BUDGET_BYTES } from '../../src/build/build-warnings.ts';

type Hook = (this: { warn: (message: string) => void }, ...args: unknown[]) => unknown;
const plugin = buildWarnings();
const onLog = plugin.onLog as unknown as Hook;
const generateBundle = plugin.generateBundle as unknown as Hook;

function warningsFor(chunks: Array<{ fileName: string; moduleIds: string[]; bytes: number }>): string[] {
  const warnings: string[] = [];
  const bundle = Object.fromEntries(chunks.map((c) => [c.fileName, { type: 'chunk', fileName: c.fileName, moduleIds: c.moduleIds, code: 'x'.repeat(c.bytes) }]));
  generateBundle.call({ warn: (message: string) => warnings.push(message) }, {}, bundle);
  return warnings;
}

describe('build warnings', () => {
  it("drops the bundler's warning about Astro's own MDX directive, and keeps every other log", () => {
    const directive = { code: 'MODULE_LEVEL_DIRECTIVE', message: 'The semantics of the module level directive "use astro:head-inject" in "content/lessons/05-sampling.mdx" may not be preserved' };
    expect(onLog.call({ warn: () => {} }, 'warn', directive)).toBe(false);
    expect(onLog.call({ warn: () => {} }, 'warn', { ...directive, message: 'directive "use client" in "src/x.ts"' })).toBeUndefined();
    expect(onLog.call({ warn: () => {} }, 'warn', { code: 'CIRCULAR_DEPENDENCY', message: 'a -> b -> a' })).toBeUndefined();
  });

  it('warns about a large chunk unless it is the editor, the compiler or their type declarations', () => {
    const big = CHUNK_BUDGET_BYTES + 1;
    expect(
      warningsFor([
        { fileName: 'editor.api.js', moduleIds: ['/repo/node_modules/monaco-editor/esm/vs/editor/editor.api.js'], bytes: big },
        { fileName: 'ts.worker.js', moduleIds: ['/repo/node_modules/typescript/lib/typescript.js'], bytes: big },
        { fileName: 'editor-types.js', moduleIds: ['/repo/src/editor/generated/editor-types.ts'], bytes: big },
        { fileName: 'viewer.js', moduleIds: ['/repo/src/trace/viewer/mount.ts'], bytes: big },
        { fileName: 'small.js', moduleIds: ['/repo/src/progress/store.ts'], bytes: 10 },
      ]),
    ).toEqual([expect.stringMatching(/^viewer\.js is 500 kB after minification \(budget 500 kB\)/)]);
  });
});
