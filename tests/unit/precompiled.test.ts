import { describe, expect, it } from 'vitest';
import { precompiledJson, precompileSources } from '../../src/build/precompile.ts';
import type { Transpiler } from '../../src/runtime/browser-transpiler.ts';
import { RunCollector } from '../../src/runtime/collector.ts';
import { lookupPrecompiled, PrecompiledTranspiler, precompiledKey } from '../../src/runtime/precompiled.ts';
import { COMPILER_LOADING_TEXT, RUNNING_TEXT, transpileForRun } from '../../src/runtime/run-steps.ts';
import type { TranspileResult } from '../../src/runtime/transpile.ts';

const starter = "import { trace } from '@opentelemetry/api';\nexport async function main() { trace.getTracer('t').startSpan('x').end(); }\n";
const helper = 'export const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));\n';

/** A compiler that counts its use and answers with a marker, so that a test sees who compiled. */
function countingCompiler(): Transpiler & { warmed: number; compiled: number } {
  const compiler = {
    warmed: 0,
    compiled: 0,
    async warm() {
      compiler.warmed += 1;
    },
    async transpile(files: Record<string, string>): Promise<TranspileResult> {
      compiler.compiled += 1;
      return { files: Object.fromEntries(Object.keys(files).map((name) => [name, { code: 'compiled in the page' }])), errors: [] };
    },
  };
  return compiler;
}

describe('code compiled when the site is built', () => {
  it('is found for unedited files, with the output of the page\'s own transpile', async () => {
    const table = await precompileSources([{ 'main.ts': starter, 'helpers.ts': helper }]);
    const found = await lookupPrecompiled(table, { 'main.ts': starter, 'helpers.ts': helper });
    expect(found?.errors).toEqual([]);
    expect(found?.files['main.ts']!.code).toContain('require("@opentelemetry/api")');
    // Lowered to ES2016, as in the page: no native async functions.
    expect(found?.files['main.ts']!.code).not.toMatch(/async function/);
    expect(JSON.parse(found!.files['main.ts']!.map!)).toMatchObject({ sources: ['main.ts'] });
  });

  it('is not used when any file was edited, or renamed', async () => {
    const table = await precompileSources([{ 'main.ts': starter, 'helpers.ts': helper }]);
    expect(await lookupPrecompiled(table, { 'main.ts': `${starter}// edited\n`, 'helpers.ts': helper })).toBeUndefined();
    expect(await lookupPrecompiled(table, { 'other.ts': starter })).toBeUndefined();
    expect(await lookupPrecompiled(table, { 'main.ts': starter })).toBeDefined();
  });

  it('leaves out a file that does not compile, so the page reports its errors', async () => {
    const table = await precompileSources([{ 'main.ts': 'const broken = ;\n' }]);
    expect(table).toEqual({});
  });

  it('keys by name and source, and its JSON cannot end a script element', async () => {
    expect(await precompiledKey('main.ts', 'a')).not.toBe(await precompiledKey('other.ts', 'a'));
    expect(await precompiledKey('main.ts', 'a')).toMatch(/^[0-9a-f]{64}$/);
    expect(precompiledJson({ k: { code: '"</script><script>alert(1)</script>"' } })).not.toContain('</script>');
  });

  it('a Run of unedited code neither loads nor asks the compiler; edited code does', async () => {
    const table = await precompileSources([{ 'main.ts': starter }]);
    const compiler = countingCompiler();
    const transpiler = new PrecompiledTranspiler(compiler, () => table);
    const unedited = await transpileForRun(transpiler, { 'main.ts': starter }, new RunCollector('worker'), { timeLimit: 1000 });
    expect(unedited?.files['main.ts']!.code).toContain('require("@opentelemetry/api")');
    expect(compiler).toMatchObject({ warmed: 0, compiled: 0 });
    const edited = await transpileForRun(transpiler, { 'main.ts': `${starter}// mine\n` }, new RunCollector('worker'), { timeLimit: 1000 });
    expect(edited?.files['main.ts']!.code).toBe('compiled in the page');
    expect(compiler).toMatchObject({ warmed: 1, compiled: 1 });
  });

  it('edited code waiting for the compiler to load says so, and says when it runs', async () => {
    let loaded!: () => void;
    const compiler = { ...countingCompiler(), warm: () => new Promise<void>((resolve) => (loaded = resolve)) };
    const said: string[] = [];
    const run = transpileForRun(compiler, { 'main.ts': starter }, new RunCollector('worker'), { timeLimit: 1000, onProgress: (text) => said.push(text) });
    await expect.poll(() => said).toEqual([COMPILER_LOADING_TEXT]);
    loaded();
    expect((await run)?.errors).toEqual([]);
    expect(said).toEqual([COMPILER_LOADING_TEXT, RUNNING_TEXT]);
  });

  it('a compiler that is up says nothing', async () => {
    const said: string[] = [];
    await transpileForRun(countingCompiler(), { 'main.ts': starter }, new RunCollector('worker'), { timeLimit: 1000, onProgress: (text) => said.push(text) });
    expect(said).toEqual([]);
  });
});
