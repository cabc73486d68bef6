import { describe, expect, it } from 'vitest';
import type { RunRequest } from '../../src/runtime/runtime.ts';
import type { SandboxHost } from '../../src/runtime/sandbox-frame.ts';
import { WorkerRuntime } from '../../src/runtime/worker-runtime.ts';
import { FakeTranspilerWorker, fakeTranspiler } from '../helpers/fake-transpiler-worker.ts';

const noSandbox = (): SandboxHost => {
  throw new Error('a program that did not transpile must not reach a sandbox');
};
const request = (timeLimitMs = 5_000): RunRequest => ({ files: { 'main.ts': 'export function main() {}' }, entry: 'main.ts', timeLimitMs });

describe('a Run always ends, whatever the transpiler Worker does', () => {
  it('when the compiler throws: the run ends with its message, and the Worker keeps serving', async () => {
    const worker = new FakeTranspilerWorker('throws');
    const { transpiler, started } = fakeTranspiler(worker);
    const runtime = new WorkerRuntime(transpiler, noSandbox);
    const result = await runtime.run(request());
    expect(result.exit).toBe('crashed');
    expect(result.errors).toEqual([expect.objectContaining({ kind: 'sandbox', message: expect.stringMatching(/TypeScript compiler failed.*Debug Failure\. False expression\./) })]);
    worker.behaviour = 'compile-error';
    expect((await runtime.run(request())).exit).toBe('compile-error');
    expect(started).toHaveLength(1);
  });

  it('when the Worker dies during a transpile: every waiting request fails, and the next Run gets a new Worker', async () => {
    const dying = new FakeTranspilerWorker('dies');
    const { transpiler, started } = fakeTranspiler(dying, new FakeTranspilerWorker('compile-error'));
    const both = await Promise.allSettled([transpiler.transpile({ 'a.ts': '' }), transpiler.transpile({ 'b.ts': '' })]);
    expect(both.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(dying.terminated).toBe(true);

    const runtime = new WorkerRuntime(transpiler, noSandbox);
    expect((await runtime.run(request())).exit).toBe('compile-error');
    expect(started).toHaveLength(2);
  });

  it('when the Worker dies during a Run, the Run says so', async () => {
    const { transpiler } = fakeTranspiler(new FakeTranspilerWorker('dies'));
    const result = await new WorkerRuntime(transpiler, noSandbox).run(request());
    expect(result.exit).toBe('crashed');
    expect(result.errors[0]!.message).toMatch(/TypeScript compiler failed.*its Worker stopped \(Uncaught RangeError: Maximum call stack size exceeded\)/);
  });

  it('when the Worker fails to load, the Run says so, and the next Run tries again', async () => {
    const { transpiler, started } = fakeTranspiler(new FakeTranspilerWorker('silent', { diesLoading: true }), new FakeTranspilerWorker('compile-error'));
    const runtime = new WorkerRuntime(transpiler, noSandbox);
    const result = await runtime.run(request());
    expect(result.exit).toBe('crashed');
    expect(result.errors[0]!.message).toMatch(/could not load \(Failed to fetch dynamically imported module\)/);
    expect((await runtime.run(request())).exit).toBe('compile-error');
    expect(started).toHaveLength(2);
  });

  it('when the Worker never answers: the Run ends at the time limit, and the compiler is restarted', async () => {
    const silent = new FakeTranspilerWorker('silent');
    const { transpiler, started } = fakeTranspiler(silent, new FakeTranspilerWorker('compile-error'));
    const runtime = new WorkerRuntime(transpiler, noSandbox);
    const result = await runtime.run(request(200));
    expect(result.exit).toBe('crashed');
    expect(result.errors[0]!.message).toMatch(/did not answer within 0\.2 s.*restarted/);
    expect(silent.terminated).toBe(true);
    expect((await runtime.run(request(200))).exit).toBe('compile-error');
    expect(started).toHaveLength(2);
  });

  it('when the Worker never loads: the Run ends at the load limit', async () => {
    const { transpiler } = fakeTranspiler(new FakeTranspilerWorker('silent', { loads: false }));
    const result = await new WorkerRuntime(transpiler, noSandbox, { compilerLoadLimitMs: 200 }).run(request());
    expect(result.exit).toBe('crashed');
    expect(result.errors[0]!.message).toMatch(/did not load within 0\.2 s/);
  });

  it('when the Run is cancelled while the compiler is busy, it ends as cancelled', async () => {
    const { transpiler } = fakeTranspiler(new FakeTranspilerWorker('silent'));
    const controller = new AbortController();
    const pending = new WorkerRuntime(transpiler, noSandbox).run(request(), { signal: controller.signal });
    controller.abort();
    const result = await pending;
    expect(result.exit).toBe('cancelled');
    expect(result.errors[0]!.message).toBe('The run was cancelled.');
  });
});
