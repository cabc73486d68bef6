/// <reference lib="webworker" />
/**
 * The in-browser sandbox: a dedicated Worker per run. It loads zone.js and the OpenTelemetry
 * web SDK, announces `ready`, then runs exactly one program handed to it with a private
 * MessagePort. The page terminates it when the run ends, so no state survives between runs.
 */
import * as api from '@opentelemetry/api';
import { ZoneContextManager } from '@opentelemetry/context-zone';
import * as core from '@opentelemetry/core';
import * as resources from '@opentelemetry/resources';
import * as semconv from '@opentelemetry/semantic-conventions';
import * as sdkTrace from '@opentelemetry/sdk-trace';
import * as sdk from '@opentelemetry/sdk-trace-web';
import type { HarnessInput, HarnessMessage } from '../wire/protocol.ts';
import { memoryTransport } from '../harness/network.ts';
import { environmentDetector } from './env-detector.ts';
import { sdkSpanPrototypes } from '../harness/providers.ts';
import { runHarness } from '../harness/run.ts';

declare const self: DedicatedWorkerGlobalScope;

/**
 * What `import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'`
 * gives a program here: a Worker has no AsyncLocalStorage, so the same name is backed by zone.js
 * (the learner's async code is lowered so that zone.js can follow it). The program still
 * creates and registers it itself, as it would in Node.
 */
const contextAsyncHooks = Object.freeze({
  AsyncLocalStorageContextManager: class AsyncLocalStorageContextManager extends ZoneContextManager {},
});

/**
 * `@opentelemetry/resources` with an `envDetector` that reads the program's `process.env` (the
 * shim below), as the Node build reads Node's: the browser build of the SDK reads no environment.
 */
const resourcesWithEnv = Object.freeze({
  ...resources,
  envDetector: environmentDetector(() => (self as unknown as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {}),
});

const modules: Record<string, object> = {
  '@opentelemetry/api': api,
  '@opentelemetry/context-async-hooks': contextAsyncHooks,
  '@opentelemetry/core': core,
  '@opentelemetry/resources': resourcesWithEnv,
  '@opentelemetry/semantic-conventions': semconv,
  '@opentelemetry/sdk-trace': sdkTrace,
  // sdk-trace-web re-exports sdk-trace-base (providers, processors, samplers, exporters).
  '@opentelemetry/sdk-trace-web': sdk,
  '@opentelemetry/sdk-trace-base': sdk,
};

/**
 * The packages frozen once, as the Worker starts (before `ready`), so that a run need not copy
 * them. The bundle's module objects (getters, thousands for the semantic conventions) freeze in
 * place; a real module namespace (the dev server's) cannot be frozen and is copied instead.
 */
function frozenModule(module: object): object {
  try {
    return Object.freeze(module);
  } catch {
    return Object.freeze({ ...module });
  }
}
const packages: Record<string, object> = Object.fromEntries(Object.entries(modules).map(([name, module]) => [name, frozenModule(module)]));
/** Found before learner code can exist in this Worker, and before a run waits for it. */
const spanPrototypes = sdkSpanPrototypes(packages);

// Captured before any learner code runs.
const now = performance.now.bind(performance);
const setTimeoutOriginal = setTimeout.bind(self);

/** Globals a program could use to reach the network, storage, other threads or the page. */
const REMOVED_GLOBALS = [
  'postMessage', 'onmessage', 'indexedDB', 'caches', 'BroadcastChannel', 'importScripts', 'XMLHttpRequest', 'WebSocket',
  'WebSocketStream', 'EventSource', 'fetch', 'Worker', 'SharedWorker', 'WebTransport', 'cookieStore', 'webkitRequestFileSystem',
  'webkitRequestFileSystemSync', 'webkitResolveLocalFileSystemURL', 'webkitResolveLocalFileSystemSyncURL', 'requestFileSystem',
];
/** What `navigator` offers the same way: the storage manager (and with it the origin private file system), buckets, locks. */
const REMOVED_NAVIGATOR = ['storage', 'storageBuckets', 'locks', 'serviceWorker'];

/** Deletes `names` from `target` and every prototype above it, then pins them to undefined on `target`. */
function removeEverywhere(target: object, names: readonly string[]): void {
  for (let level: object | null = target; level && level !== Object.prototype; level = Object.getPrototypeOf(level) as object | null) {
    for (const name of names) {
      if (Object.prototype.hasOwnProperty.call(level, name)) Reflect.deleteProperty(level, name);
    }
  }
  for (const name of names) Object.defineProperty(target, name, { value: undefined, configurable: false, writable: false });
}

/**
 * Takes away what a program could use to reach the page, the network or storage: the Worker's
 * own message channel to its frame (the harness talks over a private port instead), storage,
 * file systems, locks and network APIs, also where the browser defines them as accessors on
 * prototypes (`WorkerNavigator.prototype.storage`), and the originals zone.js keeps as
 * `__zone_symbol__fetch` and the like. This is the inner wall: the frame's opaque origin and
 * Content-Security-Policy (src/runtime/sandbox-frame.ts) hold whatever reference survives it.
 */
function lockDown(): void {
  const names = new Set<string>();
  for (let level: object | null = self; level && level !== Object.prototype; level = Object.getPrototypeOf(level) as object | null) {
    for (const name of Object.getOwnPropertyNames(level)) names.add(name);
  }
  const zoneOriginals = [...names].filter((name) => {
    const original = /^__zone_symbol__(.+)$/.exec(name)?.[1];
    return original !== undefined && (REMOVED_GLOBALS.includes(original) || /XMLHttpRequest|WebSocket|EventSource|fetch|Storage|Lock|Worker/i.test(original));
  });
  removeEverywhere(self, [...REMOVED_GLOBALS, ...zoneOriginals]);
  removeEverywhere(navigator, REMOVED_NAVIGATOR);
}

/** Enough of Node's `process` for programs written for Node (environment variables, `exit`). */
function processShim(): void {
  if ('process' in self) return;
  Object.defineProperty(self, 'process', {
    value: {
      env: {},
      exit(code?: number): never {
        throw new Error(`process.exit(${code ?? ''}) was called. The sandbox ends the run when main() returns: return (or throw) instead.`);
      },
    },
  });
}

function start(input: HarnessInput, port: MessagePort): void {
  const post = port.postMessage.bind(port) as (message: HarnessMessage) => void;
  const listen = self.addEventListener.bind(self);
  lockDown();
  processShim();
  void runHarness(input, {
    packages,
    spanPrototypes,
    runtime: 'worker',
    transport: () => memoryTransport((fn) => void setTimeoutOriginal(fn, 0)),
    builtin(name) {
      if (name.startsWith('node:')) {
        throw new Error(`'${name}' is not available in the in-browser sandbox. Run this program in the Node runtime.`);
      }
      return undefined;
    },
    available: [],
    emit: post,
    now,
    macrotask: (fn) => void setTimeoutOriginal(fn, 0),
    onUncaught(handler) {
      // zone.js owns Promise here: it reports unhandled rejections to its own hook (and would
      // print its own console line), not to the 'unhandledrejection' event.
      const zone = (self as unknown as { Zone?: Record<string, unknown> & { __symbol__(name: string): string } }).Zone;
      if (zone) {
        zone[zone.__symbol__('ignoreConsoleErrorUncaughtError')] = true;
        // It passes the rejection itself, or a wrapper with a `rejection` when the reason was not an Error.
        zone[zone.__symbol__('unhandledPromiseRejectionHandler')] = (event: unknown) =>
          handler(typeof event === 'object' && event !== null && 'rejection' in event ? event.rejection : event, 'Unhandled promise rejection');
      }
      listen('unhandledrejection', (event) => {
        event.preventDefault();
        handler(event.reason, 'Unhandled promise rejection');
      });
      listen('error', (event) => {
        event.preventDefault();
        handler(event.error ?? event.message, 'Uncaught exception');
      });
    },
  }).catch((error: unknown) => {
    post({ type: 'error', error: { kind: 'sandbox', name: 'HarnessError', message: String(error) } });
  });
}

self.onmessage = (event: MessageEvent<{ type: 'run'; input: HarnessInput }>) => {
  const port = event.ports[0];
  if (event.data?.type !== 'run' || !port) return;
  self.onmessage = null;
  start(event.data.input, port);
};
self.postMessage({ type: 'ready' } satisfies HarnessMessage);
