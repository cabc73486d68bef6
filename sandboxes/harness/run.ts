import { entryFunction } from '../wire/entry.ts';
import type { HarnessInput, HarnessMessage, RunError } from '../wire/protocol.ts';
import { createCapture } from './capture.ts';
import { captureConsole } from './console.ts';
import { freezeIntrinsics } from './freeze.ts';
import { LearnerModules } from './modules.ts';
import { createSandboxModule, type Transport } from './network.ts';
import { packagesWithCapture, sdkSpanPrototypes } from './providers.ts';
import { reportingWork } from './work.ts';
import { reportingInput } from './inputs.ts';

interface ActiveSpanApi {
  trace: { getActiveSpan(): { spanContext(): { traceId: string; spanId: string } } | undefined };
}

/** What differs between a Worker and a Node process; everything else is shared. */
export interface HarnessPlatform {
  /** The OpenTelemetry packages learner code may import, by name. */
  packages: Record<string, object>;
  /** Which runtime this is, as `@course/sandbox` reports it to programs. */
  runtime: 'worker' | 'node';
  /** How sandbox services talk: in memory (Worker) or real HTTP on 127.0.0.1 (Node). */
  transport(): Transport;
  /** Anything else learner code may `require` (Node built-ins), or undefined. */
  builtin(name: string): unknown;
  /** Names of what can be required, for the "cannot find module" message. */
  available: string[];
  /** The private channel to the page or parent process. */
  emit(message: HarnessMessage): void;
  /** Captured before learner code runs, so patching `performance` or `Date` cannot change it. */
  now(): number;
  macrotask(fn: () => void): void;
  /** Called before `done` is sent, e.g. to let the program's own output reach the parent first. */
  beforeDone?(): Promise<void>;
  /**
   * `sdkSpanPrototypes(packages)`, when the platform found them ahead of the run (a Worker does,
   * before it says it is ready); otherwise the harness finds them before the program runs.
   */
  spanPrototypes?: Set<object>;
  /** Platform objects to freeze along with the built-ins before the program runs. */
  freeze?: object[];
  /**
   * True when `thrown` is something the platform refused the program (a denied file write, say)
   * and has already reported in its own words; the harness then does not report it again.
   */
  claim?(thrown: unknown): boolean;
  /** Errors no `await` caught: rejected promises nobody handled, exceptions thrown in timers. */
  onUncaught(handler: (reason: unknown, what: string) => void): void;
}

/** One more than the page accepts, so that the page sees the flood and says so. */
const MAX_REPORTED_ERRORS = 101;
const MAX_ERROR_TEXT = 16 * 1024;
const clip = (text: string) => (text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}… (${text.length - MAX_ERROR_TEXT} more characters)` : text);

/** An error's text cut to what anyone reads: a 256 MiB message must not be copied out of the sandbox whole. */
function clipError(error: RunError): RunError {
  return { ...error, name: clip(error.name), message: clip(error.message), ...(error.stack === undefined ? {} : { stack: clip(error.stack) }) };
}

/**
 * Runs one program: the entry module, then its `main` (or default) export, awaited. The harness
 * registers nothing for the program (no tracer provider, context manager or propagator): what a
 * program needs, its own files set up, as in a real service. It only adds its capture processor
 * to every tracer provider the program creates. Whatever the program does, the harness ends with
 * `done`, carrying the spans that were started but never ended.
 */
export async function runHarness(input: HarnessInput, platform: HarnessPlatform): Promise<void> {
  const started = platform.now();
  // As the SDK stamps spans: Date.now() at the start, then the monotonic clock. Date is frozen
  // before the program runs, so the program cannot patch it.
  const dateNow = Date.now;
  const clock = { unix: () => dateNow(), mono: () => platform.now() };
  const emit = platform.emit;
  const capture = createCapture(
    { spans: (spans, clocks) => emit({ type: 'spans', spans, clocks }), flood: (limit) => emit({ type: 'span-limit', limit }) },
    input.spanLimit,
    platform.macrotask,
    platform.spanPrototypes ?? sdkSpanPrototypes(platform.packages),
    clock,
  );
  const sandbox = createSandboxModule({
    runtime: platform.runtime,
    transport: platform.transport(),
    record: (request) => emit({ type: 'request', request }),
  });
  const api = platform.packages['@opentelemetry/api'] as ActiveSpanApi | undefined;
  const getActiveSpan = api?.trace.getActiveSpan.bind(api.trace);
  const trustedSandbox = Object.freeze({
    ...sandbox,
    work: reportingWork({ activeSpan: () => getActiveSpan?.()?.spanContext(), clock, report: (work) => emit({ type: 'work', work }) }),
    input: reportingInput(input.hiddenSeed, (name, value) => emit({ type: 'input', name, value })),
    observe: (name: string, value: unknown) => emit({ type: 'observation', name: String(name), value }),
  });
  const trusted = new Set(input.trusted ?? []);
  const packages = packagesWithCapture({ ...platform.packages, '@course/sandbox': sandbox }, capture.processor, capture.timed);
  captureConsole((line) => emit({ type: 'console', line }), () => platform.now() - started);

  const resolve = (name: string, from: string) =>
    name === '@course/sandbox' && trusted.has(from) ? trustedSandbox : (packages[name] ?? platform.builtin(name));
  const modules = new LearnerModules(input.files, resolve, [
    ...Object.keys(packages),
    ...platform.available,
  ]);
  let ok = true;
  let uncaught = 0;
  platform.onUncaught((reason, what) => {
    ok = false;
    // The page ends a run past 100 errors; describing 90,000 rejections would only keep it busy.
    if (!platform.claim?.(reason) && ++uncaught <= MAX_REPORTED_ERRORS) emit({ type: 'error', error: clipError(modules.describe(reason, what)) });
  });

  freezeIntrinsics(platform.freeze);
  try {
    const exports = modules.load(input.entry);
    const main = entryFunction(exports);
    const result = main?.();
    if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
      // A handler goes on synchronously: in a Worker, zone.js owns Promise and calls a rejection
      // unhandled when nothing handles it by the end of its microtask queue, which ends before
      // the native `await` below attaches its own.
      (result as PromiseLike<unknown>).then(undefined, () => undefined);
      await result;
    }
  } catch (thrown) {
    ok = false;
    if (!platform.claim?.(thrown)) emit({ type: 'error', error: clipError(modules.describe(thrown)) });
  }
  // Callbacks already queued (a span ended in a timer that fired with the last await) still count.
  await new Promise<void>((resolve) => platform.macrotask(resolve));
  capture.flush();
  await platform.beforeDone?.();
  emit({ type: 'done', ok, unfinished: capture.isFlooded() ? [] : capture.unfinished() });
}
