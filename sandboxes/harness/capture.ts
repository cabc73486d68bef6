import { TraceFlags, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { spanRecordFromReadableSpan } from '../wire/readable-span.ts';
import type { SpanRecord } from '../wire/span-record.ts';

export interface CaptureSink {
  spans(records: SpanRecord[]): void;
  flood(limit: number): void;
}

const isSampled = (span: ReadableSpan): boolean => (span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0;

/**
 * The harness's own span processor: every span the learner's code ends becomes a plain record,
 * sent in batches (one message per task, not per span, so that 10,000 spans cost little).
 * Spans still open at the end are reported as unfinished instead of silently missing.
 *
 * It sees what an exporter sees: a span that was recorded but not sampled (a sampler's
 * RECORD_ONLY decision, e.g. `createAlwaysRecordSampler`) is skipped, as `SimpleSpanProcessor`
 * and `BatchSpanProcessor` skip it, because no backend would ever receive it.
 */
export class CaptureProcessor implements SpanProcessor {
  private readonly open = new Map<string, Span>();
  private batch: SpanRecord[] = [];
  private ended = 0;
  private flooded = false;
  private scheduled = false;

  private readonly sink: CaptureSink;
  private readonly limit: number;
  private readonly schedule: (flush: () => void) => void;

  constructor(sink: CaptureSink, limit: number, schedule: (flush: () => void) => void) {
    this.sink = sink;
    this.limit = limit;
    this.schedule = schedule;
  }

  onStart(span: Span, _parentContext: Context): void {
    if (!this.flooded && isSampled(span)) this.open.set(span.spanContext().spanId, span);
  }

  onEnd(span: ReadableSpan): void {
    this.open.delete(span.spanContext().spanId);
    if (this.flooded || !isSampled(span)) return;
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
    this.batch = [];
    this.sink.spans(records);
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
