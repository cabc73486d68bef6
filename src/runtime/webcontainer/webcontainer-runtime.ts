import type { Transpiler } from '../browser-transpiler.ts';
import { limitError, RunCollector } from '../collector.ts';
import { FrameVerifier, newFrameSecret } from '../frame-verify.ts';
import type { HarnessInput } from '../protocol.ts';
import { DEFAULT_SPAN_LIMIT, DEFAULT_TIME_LIMIT_MS, type RunOptions, type RunRequest, type RunResult, type Runtime } from '../runtime.ts';
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
    const started = performance.now();
    const collector = new RunCollector('webcontainer', runOptions.onEvent);
    const timeLimit = request.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;

    const compiled = await this.options.transpiler.transpile(request.files);
    const transpiled = performance.now();
    if (compiled.errors.length) {
      compiled.errors.forEach((e) => collector.fail(e));
      collector.end('compile-error');
      return collector.result({ transpileMs: transpiled - started, startMs: 0, runMs: 0, totalMs: transpiled - started });
    }

    const startTimeout = this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    const secret = newFrameSecret();
    const input: HarnessInput = {
      files: compiled.files,
      entry: request.entry,
      spanLimit: request.spanLimit ?? DEFAULT_SPAN_LIMIT,
      serviceName: request.serviceName ?? 'exercise',
    };
    // The program goes in a file the harness deletes once read: a WebContainer's stdin is a
    // terminal, fit for one short line (the secret), not for a whole program.
    const inputFile = `${HARNESS_DIR}/run-${newFrameSecret().slice(0, 16)}.json`;
    const child = await within(
      (async () => {
        const mounted = await this.prepare();
        // A program can write files: restore the harness it may have replaced, before it reads a secret.
        if (!mounted.fresh) await mounted.container.fs.writeFile(HARNESS_PATH, mounted.harness);
        mounted.fresh = false;
        await mounted.container.fs.writeFile(inputFile, JSON.stringify(input));
        return mounted.container.spawn('node', [HARNESS_PATH]);
      })(),
      startTimeout,
      `The WebContainer did not start a process within ${Number((startTimeout / 1000).toFixed(1))} s.`,
    );
    const spawned = performance.now();

    await this.drive(child, secret, JSON.stringify({ secret, inputFile }), collector, timeLimit, spawned, runOptions.signal);

    const ended = performance.now();
    return collector.result({ transpileMs: transpiled - started, startMs: spawned - transpiled, runMs: ended - spawned, totalMs: ended - started });
  }

  /** Feeds the process its input and the collector its verified frames until the run ends. */
  private async drive(
    child: WebContainerProcessLike,
    secret: string,
    stdin: string,
    collector: RunCollector,
    timeLimit: number,
    spawned: number,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    // Output is buffered into lines as it arrives; lines are checked one at a time, in order.
    const lines: string[] = [];
    let partial = '';
    let ended = false;
    let wake: (() => void) | undefined;
    const notify = () => {
      wake?.();
      wake = undefined;
    };
    const endOutput = () => {
      if (ended) return;
      if (partial) lines.push(partial);
      partial = '';
      ended = true;
      notify();
    };
    child.output
      .pipeTo(
        new WritableStream<string>({
          write(chunk) {
            if (ended || collector.finished) return;
            if (!chunk.includes('\n')) {
              partial += chunk;
              return;
            }
            const parts = (partial + chunk).split('\n');
            partial = parts.pop()!;
            for (const part of parts) lines.push(part);
            notify();
          },
        }),
      )
      .then(endOutput, endOutput);
    let exitCode: number | undefined;
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
      notify();
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

    const verifier = new FrameVerifier(secret);
    const tail: string[] = [];
    let next = 0;
    while (!collector.finished) {
      if (next < lines.length) {
        let line = lines[next]!;
        lines[next++] = '';
        // A terminal ends lines with \r\n; a terminal that echoes input repeats the secret.
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (line.includes(secret)) continue;
        const decoded = await verifier.read(line);
        if (decoded.kind === 'text') {
          if (!line) continue;
          tail.push(line);
          if (tail.length > 5) tail.shift();
          collector.accept({ type: 'console', line: { level: 'log', text: line, at: performance.now() - spawned } });
        } else if (decoded.kind === 'rejected') {
          collector.rejectedFrames += 1;
        } else if (collector.accept(decoded.message)) {
          child.kill();
        }
        continue;
      }
      if (ended) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);

    if (!collector.finished) {
      const output = tail.join('\n');
      const outOfMemory = /heap out of memory|Allocation failed/i.test(output);
      collector.end('crashed', {
        kind: 'sandbox',
        name: outOfMemory ? 'OutOfMemory' : 'SandboxExit',
        message: outOfMemory
          ? 'The program ran out of memory. Look for a list or string that grows without end.'
          : `The sandbox stopped unexpectedly (exit code ${exitCode ?? 'unknown'}).${output ? `\n${output}` : ''}`,
      });
    }
  }

  dispose(): void {
    this.mounted = undefined;
  }
}
