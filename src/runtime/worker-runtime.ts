import type { Transpiler } from './browser-transpiler.ts';
import { limitError, RunCollector } from './collector.ts';
import type { HarnessInput, HarnessMessage } from './protocol.ts';
import { DEFAULT_SPAN_LIMIT, DEFAULT_TIME_LIMIT_MS, type RunOptions, type RunRequest, type RunResult, type Runtime } from './runtime.ts';

interface Sandbox {
  worker: Worker;
  ready: Promise<void>;
}

const createSandboxWorker = () =>
  new Worker(new URL('../../sandboxes/worker/worker.ts', import.meta.url), { type: 'module', name: 'sandbox' });

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

  constructor(transpiler: Transpiler, createWorker: () => Worker = createSandboxWorker) {
    this.transpiler = transpiler;
    this.createWorker = createWorker;
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
    const started = performance.now();
    const collector = new RunCollector('worker', options.onEvent);
    const timeLimit = request.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;

    const compiled = await this.transpiler.transpile(request.files);
    const transpiled = performance.now();
    if (compiled.errors.length) {
      compiled.errors.forEach((e) => collector.fail(e));
      collector.end('compile-error');
      return collector.result({ transpileMs: transpiled - started, startMs: 0, runMs: 0, totalMs: transpiled - started });
    }

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
      collector.end('crashed', { kind: 'sandbox', name: 'SandboxError', message: (error as Error).message });
      const now = performance.now();
      return collector.result({ transpileMs: transpiled - started, startMs: now - transpiled, runMs: 0, totalMs: now - started });
    }
    const readyAt = performance.now();

    const input: HarnessInput = {
      files: compiled.files,
      entry: request.entry,
      spanLimit: request.spanLimit ?? DEFAULT_SPAN_LIMIT,
      serviceName: request.serviceName ?? 'exercise',
    };

    await new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        channel.port1.close();
        sandbox.worker.terminate();
        resolve();
      };
      const onAbort = () => {
        collector.end('cancelled', limitError('cancelled', timeLimit));
        finish();
      };
      // Only the private port is trusted; anything else the Worker posts is ignored.
      sandbox.worker.onmessage = null;
      sandbox.worker.onerror = (event) => {
        event.preventDefault();
        collector.end('crashed', { kind: 'sandbox', name: 'SandboxError', message: event.message || 'The sandbox stopped unexpectedly.' });
        finish();
      };
      channel.port1.onmessage = (event: MessageEvent<HarnessMessage>) => {
        if (collector.accept(event.data)) finish();
      };
      timer = setTimeout(() => {
        collector.end('timeout', limitError('timeout', timeLimit));
        finish();
      }, timeLimit);
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      sandbox.worker.postMessage({ type: 'run', input }, [channel.port2]);
    });

    const ended = performance.now();
    this.next = this.spawn();
    return collector.result({
      transpileMs: transpiled - started,
      startMs: readyAt - transpiled,
      runMs: ended - readyAt,
      totalMs: ended - started,
    });
  }

  dispose(): void {
    this.next?.worker.terminate();
    this.next = undefined;
  }
}
