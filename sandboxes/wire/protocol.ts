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
  /**
   * The exercise's own files (scenario, read-only helpers): only these may report the work they
   * do to the sandbox (`work()` of `@course/sandbox`); in the learner's files `work()` just runs it.
   */
  trusted?: string[] | undefined;
  /**
   * The seed of a hidden run: the scenario's `input()` values are then drawn from it instead of
   * the ones the learner sees. Absent for the run the learner sees.
   */
  hiddenSeed?: number | undefined;
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

/**
 * A piece of work an exercise's helper really did, reported by the helper to the sandbox (not
 * through a span a program could shape): which span was active when it ran, and when it ran.
 * Times are Unix milliseconds by the sandbox's own clock, captured before any learner code ran.
 */
export interface WorkReport {
  /** What the helper did, e.g. `stripeCharge`. */
  operation: string;
  /** The span active when the work started, when there was one. */
  traceId?: string | undefined;
  spanId?: string | undefined;
  start: number;
  /** Missing when the work never finished. */
  end?: number | undefined;
  /** The work threw or rejected. */
  failed?: boolean | undefined;
}

/**
 * When the sandbox saw a span start and end, by its own clock (Unix milliseconds). A span whose
 * recorded times differ from these was given its times by the program (`startTime`, `end(t)`).
 */
export interface SpanClock {
  traceId: string;
  spanId: string;
  start: number;
  end?: number | undefined;
  /** The program passed the span's start time (`startTime`) or its end time (`end(time)`). */
  explicitStart?: boolean | undefined;
  explicitEnd?: boolean | undefined;
}

export type HarnessMessage =
  | { type: 'ready' }
  | { type: 'spans'; spans: SpanRecord[]; clocks?: SpanClock[] | undefined }
  | { type: 'work'; work: WorkReport }
  | { type: 'input'; name: string; value: unknown }
  | { type: 'observation'; name: string; value: unknown }
  | { type: 'console'; line: ConsoleLine }
  | { type: 'request'; request: CapturedRequest }
  | { type: 'error'; error: RunError }
  | { type: 'span-limit'; limit: number }
  | { type: 'done'; ok: boolean; unfinished: SpanRecord[] };
