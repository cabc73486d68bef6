import type { SpanRecord } from './span-record.ts';

/**
 * What a sandbox harness needs to run learner code and what it reports back. The same shapes
 * travel over a Worker's private MessagePort, and as signed frames over a Node child's stdout.
 */

/** A learner file after transpiling: CommonJS JavaScript (async lowered to ES2016) and its source map. */
export interface CompiledFile {
  code: string;
  /** Source map JSON, mapping back to the learner's TypeScript. */
  map?: string | undefined;
}

export interface HarnessInput {
  /** Transpiled files by their original name, e.g. `main.ts`. */
  files: Record<string, CompiledFile>;
  /** The file the harness requires first; its exported `main` (or default) function is awaited. */
  entry: string;
  /** A run that ends more spans than this is stopped as a span flood. */
  spanLimit: number;
}

/** A position in a learner's file, 1-based, after source mapping. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export interface RunError {
  /** `compile` (syntax), `runtime` (thrown or rejected), `limit` (time, spans), `sandbox` (the runtime itself). */
  kind: 'compile' | 'runtime' | 'limit' | 'sandbox';
  name: string;
  message: string;
  /** Where in the learner's files, when known. */
  at?: SourcePosition | undefined;
  /** Stack with positions mapped to the learner's files; harness frames removed. */
  stack?: string | undefined;
}

export interface ConsoleLine {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  text: string;
  /** Milliseconds since the run started. */
  at: number;
}

/**
 * An HTTP request that reached a service in the sandbox (a service the program started with
 * `serve()`, or the sandbox's OTLP collector), as the receiving server saw it. Checks read these
 * to grade what the learner's code sent: headers such as traceparent, exported payloads.
 */
export interface CapturedRequest {
  /** The sandbox service that received it, e.g. `payments` or `collector`. */
  service: string;
  method: string;
  /** Path and query, e.g. `/v1/traces`. */
  path: string;
  /** Header names lowercased; only headers the sender set (not the HTTP stack's defaults). */
  headers: Record<string, string>;
  body: string;
}

export type HarnessMessage =
  | { type: 'ready' }
  | { type: 'spans'; spans: SpanRecord[] }
  | { type: 'console'; line: ConsoleLine }
  | { type: 'request'; request: CapturedRequest }
  | { type: 'error'; error: RunError }
  | { type: 'span-limit'; limit: number }
  | { type: 'done'; ok: boolean; unfinished: SpanRecord[] };
