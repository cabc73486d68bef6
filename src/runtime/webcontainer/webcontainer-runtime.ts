import { newFrameSecret } from '../../../sandboxes/wire/frames.ts';
import type { Transpiler } from '../browser-transpiler.ts';
import { RunCollector } from '../collector.ts';
import { limitError, sandboxExitError, seconds } from '../run-messages.ts';
import { compiledOrEnd, harnessInput, RunClock, timeLimitOf, transpileForRun } from '../run-steps.ts';
import { START_ENV } from '../../../sandboxes/wire/start-env.ts';
import type { RunOptions, RunRequest, RunResult, Runtime } from '../runtime.ts';
import { LineSplitter, StdoutFrames } from '../stdout-frames.ts';
import type { WebContainerLike, WebContainerProcessLike } from './boot.ts';

/** Where the harness lives, relative to the WebContainer's working directory. */
export const HARNESS_DIR = 'sandbox';
export const HARNESS_PATH = `${HARNESS_DIR}/harness.cjs`;

/** After the process exits, how long its last output may take to arrive. */
const EXIT_GRACE_MS = 500;
/** Mounting and spawning take well under a second; longer means the WebContainer is stuck. */
const DEFAULT_START_TIMEOUT_MS = 15_000;

interface Mounted {
  container: WebContainerLike;
  harness: string;
  /** Just mounted: no program has run since. */
  fresh: boolean;
}

/** Rejects when `promise` takes longer than `ms`; a process spawned too late is killed. */
function within(promise: Promise<WebContainerProcessLike>, ms: number, message: string): Promise<WebContainerProcessLike> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let late = false;
  promise.then((child) => late && child.kill(), () => undefined);
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        late = true;
        reject(new Error(message));
      }, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Feeds the collector the process's verified frames until the run ends. The time limit starts
 * at the harness's `ready` frame; until then the harness's start-up has `startTimeout`.
 */
function drive(
  child: WebContainerProcessLike,
  secret: string,
  collector: RunCollector,
  limits: { timeLimit: number; startTimeout: number },
  clock: RunClock,
  signal: AbortSignal | undefined,
): Promise<void> {
  return new Promise<void>((resolve) => {
    let exitCode: number | undefined;
    let done = false;
    let started = performance.now();
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (!collector.finished) collector.end('crashed', sandboxExitError(frames.tail(), exitCode));
      resolve();
    };
    const stop = (reason: 'timeout' | 'cancelled') => {
      collector.end(reason, limitError(reason, limits.timeLimit));
      child.kill();
      finish();
    };
    let timer = setTimeout(() => stop('timeout'), limits.timeLimit + limits.startTimeout);
    const onReady = () => {
      started = clock.markReady();
      clearTimeout(timer);
      timer = setTimeout(() => stop('timeout'), limits.timeLimit);
    };
    const frames = new StdoutFrames(
      secret,
      collector,
      () => performance.now() - started,
      () => {
        child.kill();
        finish();
      },
      onReady,
    );
    const lines = new LineSplitter();
    // A terminal ends lines with \r\n.
    const take = (line: string) => frames.push(line.endsWith('\r') ? line.slice(0, -1) : line);
    let outputEnded = false;
    const endOutput = () => {
      if (outputEnded) return;
      outputEnded = true;
      const rest = lines.end();
      if (rest !== undefined) take(rest);
      void frames.drained().then(finish);
    };
    child.output
      .pipeTo(
        new WritableStream<string>({
          write(chunk) {
            if (!outputEnded && !collector.finished) lines.push(chunk).forEach(take);
          },
        }),
      )
      .then(endOutput, endOutput);
    child.exit.then(
      (code) => {
        exitCode = code;
        setTimeout(endOutput, EXIT_GRACE_MS);
      },
      () => setTimeout(endOutput, EXIT_GRACE_MS),
    );

    const onAbort = () => stop('cancelled');
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The bundle host Node runs, as text; a separate chunk the page loads on the first run. */
const loadHarnessBundle = async (): Promise<string> => (await import('../../../sandboxes/node/dist/harness.cjs?raw')).default;

export interface WebContainerRuntimeOptions {
  /** The tab's WebContainer (the booter's `boot`). */
  container: () => Promise<WebContainerLike>;
  transpiler: Transpiler;
  /** The text of `sandboxes/node/dist/harness.cjs`. */
  loadHarness?: () => Promise<string>;
  /** How long mounting and spawning may take before the run fails (default 15 s). */
  startTimeoutMs?: number;
}

/**
 * Runs each program in a fresh `node` process inside the tab's WebContainer, with the same
 * harness bundle host Node runs (mounted once, no `npm install`). A per-run secret and the name
 * of the input file go in the process's environment, which the harness clears before any learner
 * code runs; spans come back as signed, numbered, ASCII-only frames on the terminal output,
 * checked here with WebCrypto.
 *
 * `run` rejects when the WebContainer itself cannot be used (no container, mount or spawn
 * failed), so that a caller can fall back to another runtime; whatever the program does ends in
 * a result.
 */
export class WebContainerRuntime implements Runtime {
  readonly name = 'webcontainer' as const;

  private readonly options: WebContainerRuntimeOptions;
  private mounted: Promise<Mounted> | undefined;

  constructor(options: WebContainerRuntimeOptions) {
    this.options = options;
  }

  /** Boots (or joins the boot) and mounts the harness, once per runtime. */
  prepare(): Promise<Mounted> {
    if (this.mounted) return this.mounted;
    const mounted = (async () => {
      const [container, harness] = await Promise.all([this.options.container(), (this.options.loadHarness ?? loadHarnessBundle)()]);
      await container.mount({ [HARNESS_DIR]: { directory: { 'harness.cjs': { file: { contents: harness } } } } });
      return { container, harness, fresh: true };
    })();
    this.mounted = mounted;
    mounted.catch(() => {
      if (this.mounted === mounted) this.mounted = undefined;
    });
    return mounted;
  }

  async run(request: RunRequest, runOptions: RunOptions = {}): Promise<RunResult> {
    const clock = new RunClock();
    const collector = new RunCollector('webcontainer', runOptions.onEvent);
    const timeLimit = timeLimitOf(request);

    const compiled = await transpileForRun(this.options.transpiler, request.files, collector, {
      timeLimit,
      signal: runOptions.signal,
      onProgress: (text) => runOptions.onEvent?.({ type: 'progress', text }),
    });
    const files = compiledOrEnd(collector, compiled);
    clock.markTranspiled();
    if (!files) return collector.result(clock.timings());

    const startTimeout = this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    const secret = newFrameSecret();
    // The program goes in a file the harness deletes once read: a WebContainer's stdin is a
    // terminal, fit for one short line (the secret), not for a whole program.
    const inputFile = `${HARNESS_DIR}/run-${newFrameSecret().slice(0, 16)}.json`;
    const child = await within(
      (async () => {
        const mounted = await this.prepare();
        // A program can write files: restore the harness it may have replaced, before it reads a secret.
        if (!mounted.fresh) await mounted.container.fs.writeFile(HARNESS_PATH, mounted.harness);
        mounted.fresh = false;
        await mounted.container.fs.writeFile(inputFile, JSON.stringify(harnessInput(request, files)));
        // The secret goes in the environment, which the harness clears before any learner code runs.
        return mounted.container.spawn('node', [HARNESS_PATH], { env: { [START_ENV]: JSON.stringify({ secret, inputFile }) } });
      })(),
      startTimeout,
      `The WebContainer did not start a process within ${seconds(startTimeout)}.`,
    );

    await drive(child, secret, collector, { timeLimit, startTimeout }, clock, runOptions.signal);
    return collector.result(clock.timings());
  }

  dispose(): void {
    this.mounted = undefined;
  }
}
