/**
 * The Node sandbox: host Node (grader, CI) and WebContainers run this same file, bundled with
 * the OpenTelemetry Node SDK by `scripts/build-sandboxes.ts` (no `npm install` per run).
 * Protocol: stdin carries one JSON `{ secret, input }`; stdout carries signed frames
 * (`sandboxes/wire/frames.ts`) mixed with whatever the program itself prints.
 */
import * as api from '@opentelemetry/api';
import * as contextAsyncHooks from '@opentelemetry/context-async-hooks';
import * as core from '@opentelemetry/core';
import * as resources from '@opentelemetry/resources';
import * as sdkTrace from '@opentelemetry/sdk-trace';
import * as sdkBase from '@opentelemetry/sdk-trace-base';
import * as sdkNode from '@opentelemetry/sdk-trace-node';
import * as semconv from '@opentelemetry/semantic-conventions';
import { createHmac } from 'node:crypto';
import { readFileSync, rmSync, writeSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import type { HarnessInput, HarnessMessage } from '../wire/protocol.ts';
import { runHarness } from '../harness/run.ts';
import { encodeFrame } from '../wire/frames.ts';
import { DenialReporter, reportingModule } from './denial-reporter.ts';
import { httpTransport } from './http-transport.ts';
import { installNetworkGuard, type NetworkGuard } from './network-guard.ts';

const packages: Record<string, object> = {
  '@opentelemetry/api': api,
  '@opentelemetry/context-async-hooks': contextAsyncHooks,
  '@opentelemetry/core': core,
  '@opentelemetry/resources': resources,
  '@opentelemetry/sdk-trace': sdkTrace,
  '@opentelemetry/sdk-trace-base': sdkBase,
  '@opentelemetry/sdk-trace-node': sdkNode,
  '@opentelemetry/semantic-conventions': semconv,
};
const nodeRequire = createRequire(__filename);

// Captured before any learner code runs: patching these later cannot reach the harness.
const exit = process.exit.bind(process);
const stdoutWrite = process.stdout.write.bind(process.stdout) as (chunk: string, done: () => void) => boolean;
const now = performance.now.bind(performance);
const setTimeoutOriginal = setTimeout;
const writeFd = writeSync;

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes a whole frame before returning. A stream write would queue what the pipe cannot take
 * at once, and a program stuck in a loop never lets the queue drain: the span-flood frame must
 * reach the parent even then. stdout is non-blocking, so a full pipe is waited out in 1 ms steps.
 */
function writeFrame(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; ) {
    try {
      offset += writeFd(1, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

/**
 * The first line of stdin: `{ secret, input }` (host Node, a pipe), or `{ secret, inputFile }`
 * (WebContainers, whose stdin is a terminal that may cut long lines). An input file is deleted
 * once read, before any learner code runs.
 */
interface Start {
  secret: string;
  input: HarnessInput;
  /**
   * Host-Node grading: the process runs under `--permission`; the harness closes the network
   * too and reports every denial to the learner.
   */
  lockdown?: boolean;
}

async function readStart(): Promise<Start> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (/[\r\n]/.test(text)) break;
  }
  const start = JSON.parse(text.split(/[\r\n]/)[0]!) as Omit<Start, 'input'> & { input?: HarnessInput; inputFile?: string };
  const lockdown = start.lockdown === true;
  if (start.input) return { secret: start.secret, input: start.input, lockdown };
  const input = JSON.parse(readFileSync(start.inputFile!, 'utf8')) as HarnessInput;
  rmSync(start.inputFile!, { force: true });
  return { secret: start.secret, input, lockdown };
}

/** Built-in modules as the program gets them: under lockdown, each reports the denials it meets. */
function builtins(reporter: DenialReporter | undefined): (name: string) => unknown {
  const cache = new Map<string, unknown>();
  return (name) => {
    const bare = name.startsWith('node:') ? name.slice(5) : name;
    if (!builtinModules.includes(bare)) return undefined;
    const module = nodeRequire(`node:${bare}`) as unknown;
    if (!reporter || (typeof module !== 'object' && typeof module !== 'function') || module === null) return module;
    if (!cache.has(bare)) cache.set(bare, reportingModule(module, reporter.claim));
    return cache.get(bare);
  };
}

async function main(): Promise<void> {
  const { secret, input, lockdown } = await readStart();
  let seq = 0;
  const sign = (text: string) => createHmac('sha256', secret).update(text).digest('hex');
  // Each frame starts on a line of its own, even after a program's unterminated output.
  const emit = (message: HarnessMessage) => writeFrame(`\n${encodeFrame(sign, seq++, message)}`);

  const reporter = lockdown ? new DenialReporter((error) => emit({ type: 'error', error })) : undefined;
  const guard: NetworkGuard | undefined = reporter ? installNetworkGuard(reporter.deny) : undefined;

  process.exit = ((code?: number) => {
    throw new Error(`process.exit(${code ?? ''}) was called. The sandbox ends the run when main() returns: return (or throw) instead.`);
  }) as typeof process.exit;

  await runHarness(input, {
    packages,
    runtime: 'node',
    transport: () => httpTransport(guard),
    builtin: builtins(reporter),
    ...(reporter ? { claim: reporter.claim } : {}),
    available: ['Node.js built-in modules (node:http, node:crypto, ...)'],
    emit,
    now,
    macrotask: (fn) => void setTimeoutOriginal(fn, 0),
    // Output the program queued while the pipe was full must arrive before `done` ends the run.
    beforeDone: () => new Promise<void>((resolve) => stdoutWrite('', () => resolve())),
    onUncaught(handler) {
      process.on('unhandledRejection', (reason) => handler(reason, 'Unhandled promise rejection'));
      process.on('uncaughtException', (error) => handler(error, 'Uncaught exception'));
    },
  });
  // Open servers or timers of the program must not keep the sandbox alive after `done`.
  exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox harness failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  exit(70);
});
