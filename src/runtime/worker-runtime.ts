import type { HarnessInput, HarnessMessage } from '../../sandboxes/wire/protocol.ts';
import type { Transpiler } from './browser-transpiler.ts';
import { RunCollector } from './collector.ts';
import { limitError, sandboxError } from './run-messages.ts';
import { compiledOrEnd, harnessInput, RunClock, timeLimitOf, transpileForRun } from './run-steps.ts';
import type { RunOptions, RunRequest, RunResult, Runtime } from './runtime.ts';

interface Sandbox {
  worker: Worker;
  ready: Promise<void>;
}

const createSandboxWorker = () =>
  new Worker(new URL('../../sandboxes/worker/worker.ts', import.meta.url), { type: 'module', name: 'sandbox' });

export interface WorkerRuntimeOptions {
  /** How long loading the compiler may take before a Run gives up (default 30 s). */
  compilerLoadLimitMs?: number;
}

/**
 * Runs each program in a fresh dedicated Worker, so no global state leaks from one run to the
 * next. The next Worker is started as soon as a run ends, so that a Run rarely waits for one.
 * The page enforces the time limit by terminating the Worker: a busy loop cannot stop that.
 */
export class WorkerRuntime implements Runtime {
  readonly name = 'worker' as const;
  private next: Sandbox | undefined;
  private readonly transpiler: Transpiler;
  private readonly createWorker: () => Worker;
  private readonly options: WorkerRuntimeOptions;

  constructor(transpiler: Transpiler, createWorker: () => Worker = createSandboxWorker, options: WorkerRuntimeOptions = {}) {
    this.transpiler = transpiler;
    this.createWorker = createWorker;
    this.options = options;
  }

  /** Starts a sandbox and the compiler ahead of the first Run. */
  prepare(): Promise<void> {
    this.next ??= this.spawn();
    return Promise.all([this.next.ready, this.transpiler.warm()]).then(() => undefined);
  }

  private spawn(): Sandbox {
    const worker = this.createWorker();
    const ready = new Promise<void>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<HarnessMessage>) => event.data?.type === 'ready' && resolve();
      worker.onerror = (event) => reject(new Error(event.message || 'the sandbox Worker failed to start'));
    });
    ready.catch(() => undefined);
    return { worker, ready };
  }

  async run(request: RunRequest, options: RunOptions = {}): Promise<RunResult> {
    const clock = new RunClock();
    const collector = new RunCollector('worker', options.onEvent);
    const timeLimit = timeLimitOf(request);

    const compiled = await transpileForRun(this.transpiler, request.files, collector, {
      timeLimit,
      signal: options.signal,
      loadLimit: this.options.compilerLoadLimitMs,
    });
    const files = compiledOrEnd(collector, compiled);
    clock.markTranspiled();
    if (!files) return collector.result(clock.timings());

    let sandbox = this.next ?? this.spawn();
    this.next = undefined;
    try {
      // A Worker started long ago may have died (a network hiccup loading its script); one
      // fresh start is worth trying before giving up.
      await sandbox.ready.catch(() => {
        sandbox.worker.terminate();
        sandbox = this.spawn();
        return sandbox.ready;
      });
    } catch (error) {
      sandbox.worker.terminate();
      collector.end('crashed', sandboxError((error as Error).message));
      return collector.result(clock.timings());
    }
    clock.markReady();
    await this.drive(sandbox.worker, harnessInput(request, files), collector, timeLimit, options.signal);
    const result = collector.result(clock.timings());
    this.next = this.spawn();
    return result;
  }

  /** Hands the program to the sandbox over a private port and collects until the run ends. */
  private drive(worker: Worker, input: HarnessInput, collector: RunCollector, timeLimit: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        channel.port1.close();
        worker.terminate();
        resolve();
      };
      const onAbort = () => {
        collector.end('cancelled', limitError('cancelled', timeLimit));
        finish();
      };
      // Only the private port is trusted; anything else the Worker posts is ignored.
      worker.onmessage = null;
      worker.onerror = (event) => {
        event.preventDefault();
        collector.end('crashed', sandboxError(event.message || 'The sandbox stopped unexpectedly.'));
        finish();
      };
      channel.port1.onmessage = (event: MessageEvent<HarnessMessage>) => {
        if (collector.accept(event.data)) finish();
      };
      timer = setTimeout(() => {
        collector.end('timeout', limitError('timeout', timeLimit));
        finish();
      }, timeLimit);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage({ type: 'run', input }, [channel.port2]);
    });
  }

  dispose(): void {
    this.next?.worker.terminate();
    this.next = undefined;
  }
}
