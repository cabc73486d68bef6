import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import type { CapturedRequest, ConsoleLine, RunError } from '../../sandboxes/wire/protocol.ts';

export type RuntimeName = 'worker' | 'webcontainer' | 'node';

/** What a learner asks to run: their files (TypeScript) and how to run them. */
export interface RunRequest {
  /** File name to source, e.g. `{ 'main.ts': '...' }`. */
  files: Record<string, string>;
  /** The file run first; its exported `main` (or default) function is awaited. */
  entry: string;
  /** Hard limit for the run (default 5 s). */
  timeLimitMs?: number | undefined;
  /** Span flood limit (default 10,000). */
  spanLimit?: number | undefined;
}

/**
 * How a run ended. `ok`: the program finished without an uncaught error. `error`: it threw or
 * rejected. `compile-error`: it did not transpile. `timeout`, `span-limit`: the sandbox stopped
 * it. `cancelled`: the caller aborted. `crashed`: the sandbox itself died (out of memory, exit).
 */
export type ExitReason = 'ok' | 'error' | 'compile-error' | 'timeout' | 'span-limit' | 'cancelled' | 'crashed';

export interface RunTimings {
  /** TypeScript to JavaScript. */
  transpileMs: number;
  /** Waiting for a sandbox to be ready (zero when one was started ahead). */
  startMs: number;
  /** From handing the program to the sandbox until its last message. */
  runMs: number;
  totalMs: number;
}

export interface RunResult {
  runtime: RuntimeName;
  exit: ExitReason;
  /** Ended spans, in the order they ended. */
  spans: SpanRecord[];
  /** Spans started and never ended (no end time). */
  unfinished: SpanRecord[];
  console: ConsoleLine[];
  errors: RunError[];
  /** Requests that reached sandbox services (see `@course/sandbox`), in arrival order. */
  requests: CapturedRequest[];
  /** Messages on the span channel that failed authentication (forged by the program) and were dropped. */
  rejectedFrames: number;
  timings: RunTimings;
}

export type RunEvent =
  | { type: 'spans'; spans: SpanRecord[] }
  | { type: 'console'; line: ConsoleLine }
  | { type: 'error'; error: RunError }
  | { type: 'status'; text: string };

export interface RunOptions {
  signal?: AbortSignal | undefined;
  /** Streams what arrives while the program runs. */
  onEvent?: ((event: RunEvent) => void) | undefined;
}

export interface Runtime {
  readonly name: RuntimeName;
  run(request: RunRequest, options?: RunOptions): Promise<RunResult>;
  dispose?(): void;
}

export const DEFAULT_TIME_LIMIT_MS = 5_000;
export const DEFAULT_SPAN_LIMIT = 10_000;
