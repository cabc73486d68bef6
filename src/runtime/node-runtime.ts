import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as TS from 'typescript-classic';
import { decodeLine } from '../../sandboxes/node/frames.ts';
import { limitError, RunCollector } from './collector.ts';
import { buildNodeHarness } from './node-harness-bundle.ts';
import type { HarnessInput } from './protocol.ts';
import { DEFAULT_SPAN_LIMIT, DEFAULT_TIME_LIMIT_MS, type RunOptions, type RunRequest, type RunResult, type Runtime } from './runtime.ts';
import { transpileFiles } from './transpile.ts';

let typescript: typeof TS | undefined;
/** The same TypeScript the browser transpiles with, loaded once per process. */
function loadTypeScript(): typeof TS {
  typescript ??= createRequire(import.meta.url)('typescript-classic') as typeof TS;
  return typescript;
}

export interface NodeRuntimeOptions {
  /** Heap limit of the child process in MiB (`--max-old-space-size`). */
  memoryLimitMb?: number;
  /** The Node binary; the one running this process by default. */
  nodePath?: string;
}

/**
 * Runs a program in a fresh `node` child process with the Node sandbox harness: the runtime of
 * the grader CLI, CI and content checks. The child is killed at the time limit or span flood.
 */
export class NodeRuntime implements Runtime {
  readonly name = 'node' as const;

  private readonly options: NodeRuntimeOptions;

  constructor(options: NodeRuntimeOptions = {}) {
    this.options = options;
  }

  async run(request: RunRequest, runOptions: RunOptions = {}): Promise<RunResult> {
    const started = performance.now();
    const collector = new RunCollector('node', runOptions.onEvent);
    const timeLimit = request.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;

    const compiled = transpileFiles(loadTypeScript(), request.files);
    const transpiled = performance.now();
    if (compiled.errors.length) {
      compiled.errors.forEach((e) => collector.fail(e));
      collector.end('compile-error');
      return collector.result({ transpileMs: transpiled - started, startMs: 0, runMs: 0, totalMs: transpiled - started });
    }
    const harness = await buildNodeHarness();
    const secret = randomBytes(32).toString('hex');
    const input: HarnessInput = {
      files: compiled.files,
      entry: request.entry,
      spanLimit: request.spanLimit ?? DEFAULT_SPAN_LIMIT,
      serviceName: request.serviceName ?? 'exercise',
    };

    const child = spawn(this.options.nodePath ?? process.execPath, [`--max-old-space-size=${this.options.memoryLimitMb ?? 256}`, harness], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test' },
    });
    const spawned = performance.now();
    child.stdin.end(JSON.stringify({ secret, input }));

    let seq = 0;
    let stderr = '';
    let buffered = '';
    const onLine = (line: string) => {
      const decoded = decodeLine(secret, seq, line);
      if (decoded.kind === 'text') {
        if (line) collector.accept({ type: 'console', line: { level: 'log', text: line, at: performance.now() - spawned } });
      } else if (decoded.kind === 'rejected') {
        collector.rejectedFrames += 1;
      } else {
        seq += 1;
        if (collector.accept(decoded.message)) child.kill('SIGKILL');
      }
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        onLine(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
    });

    const stop = (reason: 'timeout' | 'cancelled') => {
      collector.end(reason, limitError(reason, timeLimit));
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop('timeout'), timeLimit);
    const onAbort = () => stop('cancelled');
    runOptions.signal?.addEventListener('abort', onAbort, { once: true });

    const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    clearTimeout(timer);
    runOptions.signal?.removeEventListener('abort', onAbort);
    if (buffered) onLine(buffered);
    if (!collector.finished) {
      const outOfMemory = /heap out of memory|Allocation failed/i.test(stderr);
      collector.end('crashed', {
        kind: 'sandbox',
        name: outOfMemory ? 'OutOfMemory' : 'SandboxExit',
        message: outOfMemory
          ? `The program ran out of memory (limit ${this.options.memoryLimitMb ?? 256} MB). Look for a list or string that grows without end.`
          : `The sandbox stopped unexpectedly (exit code ${exitCode}).${stderr ? `\n${stderr.trim().split('\n').slice(-5).join('\n')}` : ''}`,
      });
    }
    const ended = performance.now();
    return collector.result({ transpileMs: transpiled - started, startMs: spawned - transpiled, runMs: ended - spawned, totalMs: ended - started });
  }
}
