import { describe, expect, it, vi } from 'vitest';
import { EditorTranspiler } from '../../src/editor/editor-transpiler.ts';
import type { Transpiler } from '../../src/runtime/browser-transpiler.ts';
import type { TranspileResult } from '../../src/runtime/transpile.ts';

const result = (code: string): TranspileResult => ({ files: { 'main.ts': { code } }, errors: [] });

function transpiler(code: string, fail = false): Transpiler & { calls: number } {
  const t = {
    calls: 0,
    warm: async () => undefined,
    transpile: async () => {
      t.calls++;
      if (fail) throw new Error('worker died');
      return result(code);
    },
  };
  return t;
}

describe('the editor’s transpiler, shared with the runtime', () => {
  it('uses Monaco’s TypeScript worker once the editor has it, and never starts the transpiler Worker', async () => {
    const monaco = transpiler('from monaco');
    const fallback = vi.fn(() => transpiler('from the Worker'));
    const shared = new EditorTranspiler({ transpiler: async () => monaco, loadStarted: () => true }, fallback);
    await shared.warm();
    expect(await shared.transpile({ 'main.ts': '' })).toEqual(result('from monaco'));
    expect(fallback).not.toHaveBeenCalled();
  });

  it('starts the transpiler Worker when the editor is a textarea (Monaco could not load)', async () => {
    const fallback = vi.fn(() => transpiler('from the Worker'));
    const shared = new EditorTranspiler({ transpiler: async () => undefined, loadStarted: () => true }, fallback);
    expect(await shared.transpile({ 'main.ts': '' })).toEqual(result('from the Worker'));
    await shared.transpile({ 'main.ts': '' });
    expect(fallback).toHaveBeenCalledTimes(1);
  });

  it('falls back for good when Monaco’s worker fails, so a Run still gets its result', async () => {
    const broken = transpiler('never', true);
    const shared = new EditorTranspiler({ transpiler: async () => broken, loadStarted: () => true }, () => transpiler('from the Worker'));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await shared.transpile({ 'main.ts': '' })).toEqual(result('from the Worker'));
    expect(await shared.transpile({ 'main.ts': '' })).toEqual(result('from the Worker'));
    expect(broken.calls).toBe(1);
  });

  it('for a Run that waits while Monaco loads, starts the transpiler Worker too and takes the first compiler ready', async () => {
    let monacoLoaded!: (t: Transpiler) => void;
    const monaco = transpiler('from monaco');
    const fallback = vi.fn(() => transpiler('from the Worker'));
    const shared = new EditorTranspiler({ transpiler: () => new Promise<Transpiler>((resolve) => (monacoLoaded = resolve)), loadStarted: () => true }, fallback);
    await shared.warmNow();
    expect(fallback).toHaveBeenCalledTimes(1);
    expect(await shared.transpile({ 'main.ts': '' })).toEqual(result('from the Worker'));
    // Once the editor's compiler is up, Runs go to it again.
    monacoLoaded(monaco);
    await shared.warm();
    expect(await shared.transpile({ 'main.ts': '' })).toEqual(result('from monaco'));
    expect(monaco.calls).toBe(1);
  });

  it('starts no second compiler for a Run once Monaco’s is up', async () => {
    const fallback = vi.fn(() => transpiler('from the Worker'));
    const shared = new EditorTranspiler({ transpiler: async () => transpiler('from monaco'), loadStarted: () => true }, fallback);
    await shared.warm();
    await shared.warmNow();
    expect(await shared.transpile({ 'main.ts': '' })).toEqual(result('from monaco'));
    expect(fallback).not.toHaveBeenCalled();
  });

  it('for a Run on a page whose editor has not begun to load, starts only the transpiler Worker, not Monaco', async () => {
    const editor = { transpiler: vi.fn(async () => transpiler('from monaco')), loadStarted: () => false };
    const fallback = vi.fn(() => transpiler('from the Worker'));
    const shared = new EditorTranspiler(editor, fallback);
    await shared.warmNow();
    expect(await shared.transpile({ 'main.ts': '' })).toEqual(result('from the Worker'));
    expect(editor.transpiler).not.toHaveBeenCalled();
  });
});
