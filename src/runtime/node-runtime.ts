import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type * as TS from 'typescript-classic';
import { newFrameSecret } from '../../sandboxes/wire/frames.ts';
import { RunCollector } from './collector.ts';
import { buildNodeHarness } from './node-harness-bundle.ts';
import { canIsolateNetwork, sandboxCommand } from './node-sandbox-command.ts';
import { limitError, sandboxExitError } from './run-messages.ts';
import { compiledOrEnd, harnessInput, RunClock, timeLimitOf } from './run-steps.ts';
import type { RunOptions, RunRequest, RunResult, Runtime } from './runtime.ts';
import { LineSplitter, StdoutFrames } from './stdout-frames.ts';
import { transpileFiles } from './transpile.ts';

let typescript: typeof TS | undefined;
/** The same TypeScript the browser transpiles with, loaded once per process. */
function loadTypeScript(): typeof TS {
  typescript ??= createRequire(import.meta.url)('typescript-classic') as typeof TS;
  return typescript;
}

/** How long the harness may take to start before the program's own time limit begins. */
const HARNESS_START_MS = 15_000;

export interface NodeRuntimeOptions {
  /** Heap limit of the child process in MiB (`--max-old-space-size`). */
  memoryLimitMb?: number;
  /** The Node binary; the one running this process by default. */
  nodePath?: string;
  /**
   * Runs the program in its own network namespace when the machine allows it (`auto`, the
   * default); `off` relies on the harness's network guard alone.
   */
  networkNamespace?: 'auto' | 'off';
}

/**
 * Runs a program in a fresh `node` child process with the Node sandbox harness: the runtime of
 * the grader CLI, CI and content checks. The child is killed at the time limit or span flood.
 * Programs graded here may be anyone's: see `node-sandbox-command.ts` for what the process may do.
 */
export class NodeRuntime implements Runtime {
  readonly name = 'node' as const;

  private readonly options: NodeRuntimeOptions;

  constructor(options: NodeRuntimeOptions = {}) {
    this.options = options;
  }

  async run(request: RunRequest, runOptions: RunOptions = {}): Promise<RunResult> {
    const clock = new RunClock();
    const collector = new RunCollector('node', runOptions.onEvent, { spanLimit: request.spanLimit });
    const timeLimit = timeLimitOf(request);

    const files = compiledOrEnd(collector, transpileFiles(loadTypeScript(), request.files));
    clock.markTranspiled();
    if (!files) return collector.result(clock.timings());
    const harness = await buildNodeHarness();
    const secret = newFrameSecret();
    const memoryLimitMb = this.options.memoryLimitMb ?? 256;

    const isolateNetwork = this.options.networkNamespace !== 'off' && canIsolateNetwork();
    const { command, args } = sandboxCommand({ node: this.options.nodePath ?? process.execPath, harness, memoryLimitMb, isolateNetwork });
    const child = spawn(command, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test' },
    });
    let started = performance.now();
    child.stdin.end(JSON.stringify({ secret, input: harnessInput(request, files), lockdown: true }));

    const stop = (reason: 'timeout' | 'cancelled') => {
      collector.end(reason, limitError(reason, timeLimit));
      child.kill('SIGKILL');
    };
    // The time limit starts once the harness is ready: loading the SDK on a busy machine is not the program's time.
    let timer = setTimeout(() => stop('timeout'), timeLimit + HARNESS_START_MS);
    const onReady = () => {
      started = clock.markReady();
      clearTimeout(timer);
      timer = setTimeout(() => stop('timeout'), timeLimit);
    };
    const frames = new StdoutFrames(secret, collector, () => performance.now() - started, () => child.kill('SIGKILL'), onReady);
    const lines = new LineSplitter();
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => lines.push(chunk).forEach((line) => frames.push(line)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
    });

    const onAbort = () => stop('cancelled');
    if (runOptions.signal?.aborted) onAbort();
    else runOptions.signal?.addEventListener('abort', onAbort, { once: true });

    const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const rest = lines.end();
    if (rest !== undefined) frames.push(rest);
    await frames.drained();
    clearTimeout(timer);
    runOptions.signal?.removeEventListener('abort', onAbort);
    if (!collector.finished) collector.end('crashed', sandboxExitError(stderr, exitCode, memoryLimitMb));
    return collector.result(clock.timings());
  }
}
