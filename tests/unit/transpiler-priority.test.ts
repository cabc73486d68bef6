import { afterEach, describe, expect, it, vi } from 'vitest';
import { compilerHolds } from '../../src/runtime/compiler-priority.ts';
import { FakeTranspilerWorker, fakeTranspiler } from '../helpers/fake-transpiler-worker.ts';

describe('the transpiler Worker goes first', () => {
  afterEach(() => vi.useRealTimers());

  it('holds the page’s other start-up work while it loads and compiles, and lets go a moment after its answer', async () => {
    vi.useFakeTimers();
    const { transpiler } = fakeTranspiler(new FakeTranspilerWorker('compile-error'));
    expect(compilerHolds()).toBe(false);
    const answer = transpiler.transpile({ 'main.ts': 'let x = ;' });
    expect(compilerHolds()).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect((await answer).errors).toHaveLength(1);
    // The Run's sandbox still has to start and run the program.
    expect(compilerHolds()).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(compilerHolds()).toBe(false);
  });

  it('lets go at once when the Worker fails to load, so that nothing waits on a compiler that is not coming', async () => {
    const { transpiler } = fakeTranspiler(new FakeTranspilerWorker('silent', { diesLoading: true }));
    const loading = transpiler.warm();
    expect(compilerHolds()).toBe(true);
    await expect(loading).rejects.toThrow(/could not load/);
    expect(compilerHolds()).toBe(false);
  });

  it('lets go when it is reset while it answers', async () => {
    const { transpiler } = fakeTranspiler(new FakeTranspilerWorker('silent'));
    await transpiler.warm();
    const answer = transpiler.transpile({ 'main.ts': '' });
    await vi.waitFor(() => expect(compilerHolds()).toBe(true));
    transpiler.reset();
    await expect(answer).rejects.toThrow(/restarted/);
    expect(compilerHolds()).toBe(false);
  });
});
