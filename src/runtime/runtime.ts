import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import type { CapturedRequest, ConsoleLine, RunError, SpanClock, WorkReport } from '../../sandboxes/wire/protocol.ts';

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
  /** The exercise's own files, which may report their work to the sandbox (not the learner's). */
  trusted?: string[] | undefined;
  /** Run with the scenario's hidden inputs, drawn from this seed. */
  hiddenSeed?: number | undefined;
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
  /** Work the exercise's helpers reported doing, in the order it ended. */
  work?: WorkReport[] | undefined;
  /** The scenario's inputs, by name, as the scenario used them (`input()` of `@course/sandbox`). */
  inputs?: Record<string, unknown> | undefined;
  /** What the scenario reported seeing the program return (`observe()` of `@course/sandbox`), by name. */
  observations?: Record<string, unknown> | undefined;
  /** When the sandbox's clock saw each ended span start and end. */
  clocks?: SpanClock[] | undefined;
  /** Messages on the span channel that failed authentication (forged by the program) and were dropped. */
  rejectedFrames: number;
  timings: RunTimings;
}

export type RunEvent =
  | { type: 'spans'; spans: SpanRecord[] }
  | { type: 'console'; line: ConsoleLine }
  | { type: 'error'; error: RunError }
  | { type: 'status'; text: string }
  /** What the run is waiting for before the program starts, e.g. the compiler loading. */
  | { type: 'progress'; text: string };

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
