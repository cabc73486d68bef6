import { newFrameSecret } from '../../../sandboxes/wire/frames.ts';
import type { Transpiler } from '../browser-transpiler.ts';
import { RunCollector } from '../collector.ts';
import { limitError, sandboxExitError, seconds } from '../run-messages.ts';
import { compiledOrEnd, harnessInput, RunClock, timeLimitOf, transpileForRun } from '../run-steps.ts';
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

/** Feeds the process its input and the collector its verified frames until the run ends. */
function drive(
  child: WebContainerProcessLike,
  secret: string,
  stdin: string,
  collector: RunCollector,
  timeLimit: number,
  spawned: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  return new Promise<void>((resolve) => {
    let exitCode: number | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (!collector.finished) collector.end('crashed', sandboxExitError(frames.tail(), exitCode));
      resolve();
    };
    const frames = new StdoutFrames(secret, collector, () => performance.now() - spawned, () => {
      child.kill();
      finish();
    });
    const lines = new LineSplitter();
    const take = (line: string) => {
      // A terminal ends lines with \r\n; a terminal that echoes input repeats the secret.
      const text = line.endsWith('\r') ? line.slice(0, -1) : line;
      if (!text.includes(secret)) frames.push(text);
    };
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

    const stop = (reason: 'timeout' | 'cancelled') => {
      collector.end(reason, limitError(reason, timeLimit));
      child.kill();
      finish();
    };
    const timer = setTimeout(() => stop('timeout'), timeLimit);
    const onAbort = () => stop('cancelled');
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });

    // A trailing newline lets a line-buffered terminal hand the line over before the end of input.
    const writer = child.input.getWriter();
    writer
      .write(`${stdin}\n`)
      .then(() => writer.close())
      .catch(() => undefined);
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
 * harness bundle host Node runs (mounted once, no `npm install`). The program's input and a
 * per-run secret go over stdin, which the harness reads before any learner code runs; spans
 * come back as signed, numbered frames on the terminal output, checked here with WebCrypto.
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

    const compiled = await transpileForRun(this.options.transpiler, request.files, collector, { timeLimit, signal: runOptions.signal });
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
        return mounted.container.spawn('node', [HARNESS_PATH]);
      })(),
      startTimeout,
      `The WebContainer did not start a process within ${seconds(startTimeout)}.`,
    );
    const spawned = clock.markReady();

    await drive(child, secret, JSON.stringify({ secret, inputFile }), collector, timeLimit, spawned, runOptions.signal);
    return collector.result(clock.timings());
  }

  dispose(): void {
    this.mounted = undefined;
  }
}
