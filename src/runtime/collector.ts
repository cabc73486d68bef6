import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import type { HarnessMessage, RunError, SpanClock, WorkReport } from '../../sandboxes/wire/protocol.ts';
import { limitError, overflowError, untrustedRecordError } from './run-messages.ts';
import { DEFAULT_SPAN_LIMIT, type ExitReason, type RunEvent, type RunResult, type RuntimeName, type RunTimings } from './runtime.ts';
import { ErrorCapExceeded, SpanCapExceeded, UntrustedMessages, UntrustedRecordError, type RunLimits } from './untrusted-records.ts';

/**
 * Accumulates one run's harness messages into a result. Every runtime feeds it the same
 * messages, so results have one shape and one set of rules wherever the program ran. Messages
 * come from a sandbox that runs learner code, so each is validated and counted against the
 * run's limits first (untrusted-records.ts); one that breaks them ends the run.
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
  private readonly untrusted: UntrustedMessages;

  constructor(runtime: RuntimeName, onEvent?: (event: RunEvent) => void, limits: { spanLimit?: number | undefined } & Partial<RunLimits> = {}) {
    this.runtime = runtime;
    this.onEvent = onEvent;
    const { spanLimit, ...rest } = limits;
    this.untrusted = new UntrustedMessages({ ...rest, spans: spanLimit ?? rest.spans ?? DEFAULT_SPAN_LIMIT });
  }

  get finished(): boolean {
    return this.exit !== undefined;
  }

  /** Validates and applies one message from the sandbox; returns true when the run is over. */
  accept(raw: unknown): boolean {
    if (this.exit) return true;
    let message: HarnessMessage | undefined;
    try {
      message = this.untrusted.read(raw);
    } catch (error) {
      if (error instanceof SpanCapExceeded) this.end('span-limit', limitError('span-limit', error.limit));
      else if (error instanceof ErrorCapExceeded) this.end('crashed', overflowError('errors', error.limit));
      else this.end('crashed', untrustedRecordError(error instanceof UntrustedRecordError ? error.message : 'unreadable'));
      return true;
    }
    if (!message) return false;
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
