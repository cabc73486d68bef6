import type { SpanRecord } from '../trace/span-record.ts';
import type { HarnessMessage, RunError } from './protocol.ts';
import type { ExitReason, RunEvent, RunResult, RuntimeName, RunTimings } from './runtime.ts';

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

/** Messages for the limits, in the learner's terms: what happened and what to look for. */
export function limitError(reason: 'timeout' | 'span-limit' | 'cancelled', limit: number): RunError {
  if (reason === 'timeout') {
    return {
      kind: 'limit',
      name: 'TimeLimit',
      message: `The program was stopped after ${seconds(limit)}. Look for a loop that never ends, or an await on a promise that never settles.`,
    };
  }
  if (reason === 'span-limit') {
    return {
      kind: 'limit',
      name: 'SpanLimit',
      message: `The program ended more than ${limit.toLocaleString('en-US')} spans, so it was stopped. A span created in a loop that never ends, or one per item of a huge list, floods the trace.`,
    };
  }
  return { kind: 'limit', name: 'Cancelled', message: 'The run was cancelled.' };
}

/**
 * Accumulates one run's harness messages into a result. Every runtime feeds it the same
 * messages, so results have one shape and one set of rules wherever the program ran.
 */
export class RunCollector {
  readonly spans: SpanRecord[] = [];
  unfinished: SpanRecord[] = [];
  readonly console: RunResult['console'] = [];
  readonly errors: RunError[] = [];
  readonly requests: RunResult['requests'] = [];
  rejectedFrames = 0;
  private exit: ExitReason | undefined;

  private readonly runtime: RuntimeName;
  private readonly onEvent: ((event: RunEvent) => void) | undefined;

  constructor(runtime: RuntimeName, onEvent?: (event: RunEvent) => void) {
    this.runtime = runtime;
    this.onEvent = onEvent;
  }

  get finished(): boolean {
    return this.exit !== undefined;
  }

  /** Applies one message; returns true when the run is over. */
  accept(message: HarnessMessage): boolean {
    if (this.exit) return true;
    switch (message.type) {
      case 'spans':
        this.spans.push(...message.spans);
        this.onEvent?.({ type: 'spans', spans: message.spans });
        return false;
      case 'console':
        this.console.push(message.line);
        this.onEvent?.({ type: 'console', line: message.line });
        return false;
      case 'request':
        this.requests.push(message.request);
        return false;
      case 'error':
        this.fail(message.error);
        return false;
      case 'span-limit':
        this.end('span-limit', limitError('span-limit', message.limit));
        return true;
      case 'done':
        this.unfinished = message.unfinished;
        this.end(message.ok && this.errors.length === 0 ? 'ok' : 'error');
        return true;
      default:
        return false;
    }
  }

  fail(error: RunError): void {
    this.errors.push(error);
    this.onEvent?.({ type: 'error', error });
  }

  /** Ends the run (first reason wins), optionally with the error that ended it. */
  end(exit: ExitReason, error?: RunError): void {
    if (this.exit) return;
    if (error) this.fail(error);
    this.exit = exit;
  }

  result(timings: RunTimings): RunResult {
    return {
      runtime: this.runtime,
      exit: this.exit ?? 'crashed',
      spans: this.spans,
      unfinished: this.unfinished,
      console: this.console,
      errors: this.errors,
      requests: this.requests,
      rejectedFrames: this.rejectedFrames,
      timings,
    };
  }
}
