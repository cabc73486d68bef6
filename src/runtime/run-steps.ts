import type { CompiledFile, HarnessInput } from '../../sandboxes/wire/protocol.ts';
import type { Transpiler } from './browser-transpiler.ts';
import type { RunCollector } from './collector.ts';
import { compilerError, limitError } from './run-messages.ts';
import { DEFAULT_SPAN_LIMIT, DEFAULT_TIME_LIMIT_MS, type RunRequest, type RunTimings } from './runtime.ts';
import type { TranspileResult } from './transpile.ts';

/**
 * The steps every runtime takes the same way: transpile under the run's limits, end a run that
 * did not compile, build the harness input, and time the phases.
 */

/** Loading the compiler (about 1 MB, or Monaco and its worker) may take this long on a slow connection or device. */
export const COMPILER_LOAD_LIMIT_MS = 60_000;

export const timeLimitOf = (request: RunRequest) => request.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;

export function harnessInput(request: RunRequest, files: Record<string, CompiledFile>): HarnessInput {
  return {
    files,
    entry: request.entry,
    spanLimit: request.spanLimit ?? DEFAULT_SPAN_LIMIT,
    trusted: request.trusted,
    hiddenSeed: request.hiddenSeed,
  };
}

/** Marks the phases of one run: started, transpiled, sandbox ready, ended. */
export class RunClock {
  private readonly started = performance.now();
  private transpiled: number | undefined;
  private ready: number | undefined;

  /** Milliseconds since the run started. */
  elapsed(): number {
    return performance.now() - this.started;
  }

  markTranspiled(): void {
    this.transpiled = performance.now();
  }

  markReady(): number {
    this.ready = performance.now();
    return this.ready;
  }

  /** The timings of a run that ends now; a phase never reached takes no time. */
  timings(): RunTimings {
    const ended = performance.now();
    const transpiled = this.transpiled ?? ended;
    const ready = this.ready ?? (this.transpiled === undefined ? transpiled : ended);
    return { transpileMs: transpiled - this.started, startMs: ready - transpiled, runMs: ended - ready, totalMs: ended - this.started };
  }
}

type Settled<T> = { kind: 'value'; value: T } | { kind: 'failed'; error: unknown } | { kind: 'timeout' } | { kind: 'cancelled' };

/** Waits for `promise`, but no longer than `limitMs`, and not past an abort of `signal`. */
export async function settleWithin<T>(promise: Promise<T>, limitMs: number, signal: AbortSignal | undefined): Promise<Settled<T>> {
  if (signal?.aborted) {
    promise.catch(() => undefined);
    return { kind: 'cancelled' };
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), limitMs);
    onAbort = () => resolve({ kind: 'cancelled' });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  const settled = promise.then(
    (value): Settled<T> => ({ kind: 'value', value }),
    (error: unknown): Settled<T> => ({ kind: 'failed', error }),
  );
  try {
    return await Promise.race([settled, stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

export interface TranspileLimits {
  timeLimit: number;
  signal?: AbortSignal | undefined;
  loadLimit?: number | undefined;
  /** Told what the run waits for, while it waits for the compiler to load. */
  onProgress?: ((text: string) => void) | undefined;
}

/** What a Run says while the compiler loads (issue 16: progress is shown meanwhile). */
export const COMPILER_LOADING_TEXT = 'Loading the TypeScript compiler…';

/** What it says once the compiler has loaded and the program runs. */
export const RUNNING_TEXT = 'Running…';

/** A compiler that is up answers `warm()` within this; a Run waiting longer says why. */
const PROGRESS_AFTER_MS = 100;

/** `warming`, with the progress text once it has taken longer than a loaded compiler would. */
async function withProgress(warming: Promise<void>, onProgress: ((text: string) => void) | undefined): Promise<void> {
  if (!onProgress) return warming;
  let shown = false;
  const timer = setTimeout(() => {
    shown = true;
    onProgress(COMPILER_LOADING_TEXT);
  }, PROGRESS_AFTER_MS);
  try {
    await warming;
  } finally {
    clearTimeout(timer);
    if (shown) onProgress(RUNNING_TEXT);
  }
}

/**
 * Transpiles in the page's compiler so that a Run always ends: loading the compiler has its own
 * limit (a first load can take seconds), the transpile itself has the program's time limit, and
 * both stop at the run's abort signal. A compiler that loaded and then stopped answering is
 * restarted for the next Run; one still loading is left to finish (its download may be nearly
 * done). On failure the run is ended in `collector` and the result is undefined.
 */
export async function transpileForRun(
  transpiler: Transpiler,
  files: Record<string, string>,
  collector: RunCollector,
  limits: TranspileLimits,
): Promise<TranspileResult | undefined> {
  const loadLimit = limits.loadLimit ?? COMPILER_LOAD_LIMIT_MS;
  // Unedited code was compiled when the site was built: no compiler to wait for.
  const ready = await transpiler.precompiled?.(files).catch(() => undefined);
  if (ready) return ready;
  // A Run waiting now takes whichever compiler is ready first (warmNow), not only the page's favourite.
  const warming = transpiler.warmNow ? transpiler.warmNow() : transpiler.warm();
  const loaded = await settleWithin(withProgress(warming, limits.onProgress), loadLimit, limits.signal);
  const settled = loaded.kind === 'value' ? await settleWithin(transpiler.transpile(files), limits.timeLimit, limits.signal) : loaded;
  switch (settled.kind) {
    case 'value':
      return settled.value;
    case 'cancelled':
      collector.end('cancelled', limitError('cancelled', limits.timeLimit));
      return undefined;
    case 'timeout':
      if (loaded.kind === 'timeout') {
        collector.end('crashed', compilerError('load-timeout', loadLimit));
        return undefined;
      }
      transpiler.reset?.();
      collector.end('crashed', compilerError('answer-timeout', limits.timeLimit));
      return undefined;
    case 'failed':
      collector.end('crashed', compilerError('failed', 0, settled.error instanceof Error ? settled.error.message : String(settled.error)));
      return undefined;
  }
}

/** The compiled files, or undefined after ending the run with the compiler's errors. */
export function compiledOrEnd(collector: RunCollector, compiled: TranspileResult | undefined): Record<string, CompiledFile> | undefined {
  if (!compiled) return undefined;
  if (compiled.errors.length === 0) return compiled.files;
  compiled.errors.forEach((e) => collector.fail(e));
  collector.end('compile-error');
  return undefined;
}
