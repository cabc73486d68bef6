import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import type { HarnessMessage, RunError, SpanClock, WorkReport } from '../../sandboxes/wire/protocol.ts';
import { limitError } from './run-messages.ts';
import type { ExitReason, RunEvent, RunResult, RuntimeName, RunTimings } from './runtime.ts';

/**
 * Accumulates one run's harness messages into a result. Every runtime feeds it the same
 * messages, so results have one shape and one set of rules wherever the program ran.
 */
export class RunCollector {
  private readonly spans: SpanRecord[] = [];
  private unfinished: SpanRecord[] = [];
  private readonly console: RunResult['console'] = [];
  private readonly errors: RunError[] = [];
  private readonly requests: RunResult['requests'] = [];
  private readonly work: WorkReport[] = [];
  private readonly clocks: SpanClock[] = [];
  private readonly inputs: Record<string, unknown> = {};
  private readonly observations: Record<string, unknown> = {};
  private rejected = 0;
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
        if (message.clocks) this.clocks.push(...message.clocks);
        this.onEvent?.({ type: 'spans', spans: message.spans });
        return false;
      case 'console':
        this.console.push(message.line);
        this.onEvent?.({ type: 'console', line: message.line });
        return false;
      case 'request':
        this.requests.push(message.request);
        return false;
      case 'work':
        this.work.push(message.work);
        return false;
      case 'input':
        this.inputs[message.name] = message.value;
        return false;
      case 'observation':
        this.observations[message.name] = message.value;
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

  /** A message on the span channel that failed authentication (forged by the program): dropped, counted. */
  rejectFrame(): void {
    this.rejected += 1;
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
      work: this.work,
      clocks: this.clocks,
      inputs: this.inputs,
      observations: this.observations,
      rejectedFrames: this.rejected,
      timings,
    };
  }
}
