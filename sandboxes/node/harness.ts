/**
 * The Node sandbox: host Node (grader, CI) and WebContainers run this same file, bundled with
 * the OpenTelemetry Node SDK by `scripts/build-sandboxes.ts` (no `npm install` per run).
 * Protocol: the start parameters come in the environment (WebContainers) or on stdin (host
 * Node), see `start.ts`; stdout carries signed frames (`sandboxes/wire/frames.ts`) mixed with
 * whatever the program itself prints, the first of them `ready`, sent before any learner code runs.
 */
import * as api from '@opentelemetry/api';
import * as contextAsyncHooks from '@opentelemetry/context-async-hooks';
import * as core from '@opentelemetry/core';
import * as resources from '@opentelemetry/resources';
import * as sdkTrace from '@opentelemetry/sdk-trace';
import * as sdkBase from '@opentelemetry/sdk-trace-base';
import * as sdkNode from '@opentelemetry/sdk-trace-node';
import * as semconv from '@opentelemetry/semantic-conventions';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac } from 'node:crypto';
import { writeSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import type { HarnessMessage } from '../wire/protocol.ts';
import { runHarness } from '../harness/run.ts';
import { encodeFrame } from '../wire/frames.ts';
import { asyncContextSurvivesAwait, withFallbackContext } from './async-context.ts';
import { DenialReporter, reportingModule } from './denial-reporter.ts';
import { httpTransport } from './http-transport.ts';
import { installNetworkGuard, type NetworkGuard } from './network-guard.ts';
import { readStart } from './start.ts';

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
 * The packages with a zone.js context manager where `AsyncLocalStorage` loses its store across
 * `await` (WebContainers, webcontainer-core issue #1169). zone.js is loaded only then, as it
 * replaces the global Promise.
 */
async function packagesForThisRuntime(): Promise<Record<string, object>> {
  if (await asyncContextSurvivesAwait(AsyncLocalStorage)) return packages;
  require('zone.js/node');
  const { ZoneContextManager } = require('@opentelemetry/context-zone-peer-dep') as typeof import('@opentelemetry/context-zone-peer-dep');
  return withFallbackContext(packages, ZoneContextManager);
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
  const programPackages = await packagesForThisRuntime();
  // The parent starts the program's time limit here: start-up is not the program's time.
  emit({ type: 'ready' });

  const reporter = lockdown ? new DenialReporter((error) => emit({ type: 'error', error })) : undefined;
  const guard: NetworkGuard | undefined = reporter ? installNetworkGuard(reporter.deny) : undefined;

  process.exit = ((code?: number) => {
    throw new Error(`process.exit(${code ?? ''}) was called. The sandbox ends the run when main() returns: return (or throw) instead.`);
  }) as typeof process.exit;

  await runHarness(input, {
    packages: programPackages,
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
