import { TraceFlags, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { spanRecordFromReadableSpan } from '../wire/readable-span.ts';
import type { SpanRecord } from '../wire/span-record.ts';

export interface CaptureSink {
  spans(records: SpanRecord[]): void;
  flood(limit: number): void;
}

/** What the harness keeps of the capture; the SDK only ever gets `processor`. */
export interface Capture {
  /** The span processor every tracer provider of the program gets: its four methods, nothing else. */
  processor: SpanProcessor;
  /** Sends the spans ended so far. */
  flush(): void;
  /** Spans started but never ended, as records without an end time. */
  unfinished(): SpanRecord[];
  isFlooded(): boolean;
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
 *
 * Learner code can reach the processor object (through the provider's processor list), so it
 * holds no state: the batch, the open spans, the cap and the sink live in this closure. `onEnd`
 * takes only a span the SDK started (`onStart` saw it, with the prototype of the SDK's spans,
 * `spanPrototypes`, found before the program runs)
 * and only once, so hand-made objects and repeated calls add nothing.
 */
export function createCapture(sink: CaptureSink, limit: number, schedule: (flush: () => void) => void, spanPrototypes: ReadonlySet<object>): Capture {
  const open = new Map<string, Span>();
  const started = new WeakSet<object>();
  let batch: SpanRecord[] = [];
  let ended = 0;
  let flooded = false;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    if (batch.length === 0) return;
    const records = batch;
    batch = [];
    sink.spans(records);
  };

  const isSdkSpan = (span: unknown): boolean => typeof span === 'object' && span !== null && spanPrototypes.has(Object.getPrototypeOf(span) as object);

  const processor: SpanProcessor = Object.freeze({
    onStart(span: Span, _parentContext: Context): void {
      if (!isSdkSpan(span) || started.has(span)) return;
      started.add(span);
      if (!flooded && isSampled(span)) open.set(span.spanContext().spanId, span);
    },
    onEnd(span: ReadableSpan): void {
      if (!started.has(span)) return;
      started.delete(span);
      open.delete(span.spanContext().spanId);
      if (flooded || !isSampled(span)) return;
      if (++ended > limit) {
        flooded = true;
        flush();
        sink.flood(limit);
        return;
      }
      batch.push(spanRecordFromReadableSpan(span));
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    forceFlush(): Promise<void> {
      flush();
      return Promise.resolve();
    },
    shutdown(): Promise<void> {
      flush();
      return Promise.resolve();
    },
  });

  return {
    processor,
    flush,
    unfinished: () => [...open.values()].map((s) => spanRecordFromReadableSpan(s as unknown as ReadableSpan)),
    isFlooded: () => flooded,
  };
}
