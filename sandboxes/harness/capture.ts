import { TraceFlags, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { spanRecordFromReadableSpan } from '../wire/readable-span.ts';
import type { SpanClock } from '../wire/protocol.ts';
import type { SpanRecord } from '../wire/span-record.ts';

/**
 * The sandbox's clocks, captured before the program ran. Times are taken as the SDK takes them: a
 * start by the wall clock (`Date.now()`), an end as the start plus the time the monotonic clock
 * measured, so that the two agree even where the wall clock drifts from the monotonic one.
 */
export interface SandboxClock {
  unix(): number;
  mono(): number;
}

export interface CaptureSink {
  spans(records: SpanRecord[], clocks: SpanClock[]): void;
  flood(limit: number): void;
}

const isSampled = (span: ReadableSpan): boolean => (span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0;

/**
 * The harness's own span processor: every span the learner's code ends becomes a plain record,
 * sent in batches (one message per task, not per span, so that 10,000 spans cost little).
 * Spans still open at the end are reported as unfinished instead of silently missing.
 * Beside each record goes when the sandbox's own clock saw the span start and end: the SDK calls
 * `onStart` and `onEnd` synchronously, so a span the SDK timed matches them, and a span given
 * its times by the program (`startTime`, `end(time)`) does not.
 *
 * It sees what an exporter sees: a span that was recorded but not sampled (a sampler's
 * RECORD_ONLY decision, e.g. `createAlwaysRecordSampler`) is skipped, as `SimpleSpanProcessor`
 * and `BatchSpanProcessor` skip it, because no backend would ever receive it.
 */
export class CaptureProcessor implements SpanProcessor {
  private readonly open = new Map<string, Span>();
  /** When each open span started: Unix ms by the wall clock, and the monotonic clock. */
  private readonly started = new Map<
    string,
    { unix: number; mono: number; explicitStart?: boolean; explicitEnd?: boolean; watchedStart?: boolean; watchedEnd?: boolean }
  >();
  private batch: SpanRecord[] = [];
  private clocks: SpanClock[] = [];
  private ended = 0;
  private flooded = false;
  private scheduled = false;

  private readonly sink: CaptureSink;
  private readonly limit: number;
  private readonly schedule: (flush: () => void) => void;
  private readonly clock: SandboxClock;

  constructor(sink: CaptureSink, limit: number, schedule: (flush: () => void) => void, clock: SandboxClock) {
    this.sink = sink;
    this.limit = limit;
    this.schedule = schedule;
    this.clock = clock;
  }

  /**
   * The span was started (or is being ended) through the tracer's API, with a time the program
   * passed or without. A span whose start or end did not come this way went around the API.
   */
  timed(spanId: string, which: 'start' | 'end', explicit: boolean): void {
    const started = this.started.get(spanId);
    if (!started) return;
    if (which === 'start') started.watchedStart = true;
    else started.watchedEnd = true;
    if (explicit) started[which === 'start' ? 'explicitStart' : 'explicitEnd'] = true;
  }

  onStart(span: Span, _parentContext: Context): void {
    if (this.flooded || !isSampled(span)) return;
    const { spanId } = span.spanContext();
    this.open.set(spanId, span);
    this.started.set(spanId, { unix: this.clock.unix(), mono: this.clock.mono() });
  }

  onEnd(span: ReadableSpan): void {
    const ended = this.clock.mono();
    const { traceId, spanId } = span.spanContext();
    this.open.delete(spanId);
    const started = this.started.get(spanId);
    this.started.delete(spanId);
    if (this.flooded || !isSampled(span)) return;
    if (started !== undefined) {
      // Not seen through the tracer: its times may be anything the program chose.
      const explicitStart = started.explicitStart || !started.watchedStart;
      const explicitEnd = started.explicitEnd || !started.watchedEnd;
      const explicit = explicitStart || explicitEnd ? { explicitStart, explicitEnd } : {};
      this.clocks.push({ traceId, spanId, start: started.unix, end: started.unix + (ended - started.mono), ...explicit });
    }
    if (++this.ended > this.limit) {
      this.flooded = true;
      this.flush();
      this.sink.flood(this.limit);
      return;
    }
    this.batch.push(spanRecordFromReadableSpan(span));
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.batch.length === 0) return;
    const records = this.batch;
    const clocks = this.clocks;
    this.batch = [];
    this.clocks = [];
    this.sink.spans(records, clocks);
  }

  /** Spans started but never ended, as records without an end time. */
  unfinished(): SpanRecord[] {
    return [...this.open.values()].map((s) => spanRecordFromReadableSpan(s as unknown as ReadableSpan));
  }

  get isFlooded(): boolean {
    return this.flooded;
  }

  forceFlush(): Promise<void> {
    this.flush();
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return this.forceFlush();
  }
}
