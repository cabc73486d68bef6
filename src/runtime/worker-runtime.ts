import type { HarnessInput } from '../../sandboxes/wire/protocol.ts';
import type { Transpiler } from './browser-transpiler.ts';
import { RunCollector } from './collector.ts';
import { DirectSandbox } from './direct-sandbox.ts';
import { limitError, outOfMemoryError, overflowError, sandboxError } from './run-messages.ts';
import { compiledOrEnd, harnessInput, RunClock, timeLimitOf, transpileForRun } from './run-steps.ts';
import type { RunOptions, RunRequest, RunResult, Runtime } from './runtime.ts';
import { SandboxFrame, type SandboxFailure, type SandboxHost } from './sandbox-frame.ts';

/** The sealed frame in a build; `astro dev` serves a Worker the frame cannot load (see direct-sandbox.ts). */
const createSandbox = (): SandboxHost => (import.meta.env.DEV ? new DirectSandbox() : new SandboxFrame());

export interface WorkerRuntimeOptions {
  /** How long loading the compiler may take before a Run gives up (default 30 s). */
  compilerLoadLimitMs?: number;
}

/**
 * Runs each program in a fresh sandbox Worker (inside a sealed frame, see sandbox-frame.ts), so
 * no global state leaks from one run to the next. The next Worker is started as soon as a run
 * ends, in the same frame when the program ended by itself, so that a Run rarely waits for one.
 * The page enforces the time limit by removing the whole frame: a busy loop cannot stop that.
 * Everything the sandbox sends is validated as untrusted.
 */
export class WorkerRuntime implements Runtime {
  readonly name = 'worker' as const;
  private next: SandboxHost | undefined;
  private readonly transpiler: Transpiler;
  private readonly createSandbox: () => SandboxHost;
  private readonly options: WorkerRuntimeOptions;

  constructor(transpiler: Transpiler, create: () => SandboxHost = createSandbox, options: WorkerRuntimeOptions = {}) {
    this.transpiler = transpiler;
    this.createSandbox = create;
    this.options = options;
  }

  /** Starts a sandbox and the compiler ahead of the first Run. */
  prepare(): Promise<void> {
    return Promise.all([this.startSandbox(), this.transpiler.warm()]).then(() => undefined);
  }

  /** Starts a sandbox (not the compiler) ahead of the first Run, so that it need not wait for one. */
  startSandbox(): Promise<void> {
    this.next ??= this.createSandbox();
    return this.next.ready;
  }

  async run(request: RunRequest, options: RunOptions = {}): Promise<RunResult> {
    const clock = new RunClock();
    const collector = new RunCollector('worker', options.onEvent, { spanLimit: request.spanLimit });
    const timeLimit = timeLimitOf(request);

    const compiled = await transpileForRun(this.transpiler, request.files, collector, {
      timeLimit,
      signal: options.signal,
      loadLimit: this.options.compilerLoadLimitMs,
      onProgress: (text) => options.onEvent?.({ type: 'progress', text }),
    });
    const files = compiledOrEnd(collector, compiled);
    clock.markTranspiled();
    if (!files) return collector.result(clock.timings());

    let sandbox = this.next ?? this.createSandbox();
    this.next = undefined;
    try {
      // A sandbox started long ago may have died (a network hiccup loading its script); one
      // fresh start is worth trying before giving up.
      await sandbox.ready.catch(() => {
        sandbox.terminate();
        sandbox = this.createSandbox();
        return sandbox.ready;
      });
    } catch (error) {
      sandbox.terminate();
      collector.end('crashed', sandboxError((error as Error).message));
      return collector.result(clock.timings());
    }
    clock.markReady();
    await this.drive(sandbox, harnessInput(request, files), collector, timeLimit, options.signal);
    const result = collector.result(clock.timings());
    // A program that ended by itself leaves a frame worth keeping: only its Worker is replaced.
    // Any other ending (time limit, cancel, crash, flood) throws the whole frame away.
    if ((result.exit === 'ok' || result.exit === 'error') && sandbox.recycle) {
      sandbox.recycle();
      this.next = sandbox;
    } else {
      sandbox.terminate();
      this.next = this.createSandbox();
    }
    return result;
  }

  /** Hands the program to the sandbox and collects (validating every message) until the run ends. */
  private drive(sandbox: SandboxHost, input: HarnessInput, collector: RunCollector, timeLimit: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        collector.end('cancelled', limitError('cancelled', timeLimit));
        finish();
      };
      const onFailure = (failure: SandboxFailure) => {
        if (failure.kind === 'silent') collector.end('crashed', outOfMemoryError());
        else if (failure.kind === 'overflow') collector.end('crashed', overflowError(failure.what));
        else collector.end('crashed', sandboxError(failure.message));
        finish();
      };
      timer = setTimeout(() => {
        collector.end('timeout', limitError('timeout', timeLimit));
        finish();
      }, timeLimit);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      sandbox.run(input, (message) => collector.accept(message) && finish(), onFailure);
    });
  }

  dispose(): void {
    this.next?.terminate();
    this.next = undefined;
  }
}
