import { describe, expect, it } from 'vitest';
import { describeRunError, RunSession } from '../../src/runtime/run-session.ts';
import type { RunOptions, RunRequest, RunResult, Runtime } from '../../src/runtime/runtime.ts';

const request: RunRequest = { files: { 'main.ts': '' }, entry: 'main.ts' };

function result(exit: RunResult['exit']): RunResult {
  return { runtime: 'worker', exit, spans: [], unfinished: [], console: [], errors: [], requests: [], rejectedFrames: 0, timings: { transpileMs: 0, startMs: 0, runMs: 0, totalMs: 0 } };
}

/** A runtime whose runs end only when aborted, or when the test lets them finish. */
class HeldRuntime implements Runtime {
  readonly name = 'worker' as const;
  readonly finish: Array<() => void> = [];
  run(_request: RunRequest, options: RunOptions = {}): Promise<RunResult> {
    return new Promise((resolve) => {
      if (options.signal?.aborted) return resolve(result('cancelled'));
      options.signal?.addEventListener('abort', () => resolve(result('cancelled')));
      this.finish.push(() => resolve(result('ok')));
    });
  }
}

describe('the run session', () => {
  it('keeps one Run in flight: a new one cancels the last, whose caller gets nothing', async () => {
    const runtime = new HeldRuntime();
    const session = new RunSession(runtime);
    const first = session.latest((signal) => session.run(request, { signal }));
    const second = session.latest((signal) => session.run(request, { signal }));
    expect(await first).toBeUndefined();
    expect(session.busy).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    runtime.finish.at(-1)!();
    expect((await second)?.exit).toBe('ok');
    expect(session.busy).toBe(false);
  });

  it('cancels the Run in flight on request', async () => {
    const session = new RunSession(new HeldRuntime());
    const pending = session.latest((signal) => session.run(request, { signal }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    session.cancel();
    expect(await pending).toBeUndefined();
  });

  it('loads its runtime only when first asked to run', async () => {
    let loaded = 0;
    const runtime = new HeldRuntime();
    const session = new RunSession(async () => {
      loaded += 1;
      return runtime;
    });
    expect(loaded).toBe(0);
    const pending = session.run(request);
    await new Promise((resolve) => setTimeout(resolve, 0));
    runtime.finish[0]!();
    expect((await pending).exit).toBe('ok');
    expect(loaded).toBe(1);
  });

  it('describes an error with the learner’s file and line', () => {
    expect(describeRunError({ kind: 'runtime', name: 'TypeError', message: 'x is not a function', at: { file: 'main.ts', line: 4, column: 7 } })).toBe('main.ts:4:7 TypeError: x is not a function');
    expect(describeRunError({ kind: 'limit', name: 'TimeLimit', message: 'stopped' })).toBe('TimeLimit: stopped');
  });
});
