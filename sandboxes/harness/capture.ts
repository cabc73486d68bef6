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

/** What the harness keeps of the capture; the SDK only ever gets `processor`. */
export interface Capture {
  /** The span processor every tracer provider of the program gets: its four methods, nothing else. */
  processor: SpanProcessor;
  /** Sends the spans ended so far. */
  flush(): void;
  /** Spans started but never ended, as records without an end time. */
  unfinished(): SpanRecord[];
  isFlooded(): boolean;
  /**
   * The span was started (or is being ended) through the tracer's API, with a time the program
   * passed or without. A span whose start or end did not come this way went around the API.
   */
  timed(spanId: string, which: 'start' | 'end', explicit: boolean): void;
}

interface StartClock {
  unix: number;
  mono: number;
  explicitStart?: boolean;
  explicitEnd?: boolean;
  watchedStart?: boolean;
  watchedEnd?: boolean;
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
 *
 * Learner code can reach the processor object (through the provider's processor list), so it
 * holds no state: the batch, the open spans, the cap and the sink live in this closure. `onEnd`
 * takes only a span the SDK started (`onStart` saw it, with the prototype of the SDK's spans,
 * `spanPrototypes`, found before the program runs)
 * and only once, so hand-made objects and repeated calls add nothing.
 */
export function createCapture(
  sink: CaptureSink,
  limit: number,
  schedule: (flush: () => void) => void,
  spanPrototypes: ReadonlySet<object>,
  clock: SandboxClock,
): Capture {
  const open = new Map<string, Span>();
  const started = new WeakSet<object>();
  /** When each open span started (Unix ms by the wall clock, and the monotonic clock), and how it was timed. */
  const startedAt = new Map<string, StartClock>();
  let batch: SpanRecord[] = [];
  let clocks: SpanClock[] = [];
  let ended = 0;
  let flooded = false;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    if (batch.length === 0) return;
    const records = batch;
    const times = clocks;
    batch = [];
    clocks = [];
    sink.spans(records, times);
  };

  const isSdkSpan = (span: unknown): boolean => typeof span === 'object' && span !== null && spanPrototypes.has(Object.getPrototypeOf(span) as object);

  const processor: SpanProcessor = Object.freeze({
    onStart(span: Span, _parentContext: Context): void {
      if (!isSdkSpan(span) || started.has(span)) return;
      started.add(span);
      if (flooded || !isSampled(span)) return;
      const { spanId } = span.spanContext();
      open.set(spanId, span);
      startedAt.set(spanId, { unix: clock.unix(), mono: clock.mono() });
    },
    onEnd(span: ReadableSpan): void {
      if (!started.has(span)) return;
      started.delete(span);
      const endedAt = clock.mono();
      const { traceId, spanId } = span.spanContext();
      open.delete(spanId);
      const start = startedAt.get(spanId);
      startedAt.delete(spanId);
      if (flooded || !isSampled(span)) return;
      if (++ended > limit) {
        flooded = true;
        flush();
        sink.flood(limit);
        return;
      }
      if (start !== undefined) {
        // Not seen through the tracer: its times may be anything the program chose.
        const explicitStart = start.explicitStart || !start.watchedStart;
        const explicitEnd = start.explicitEnd || !start.watchedEnd;
        const explicit = explicitStart || explicitEnd ? { explicitStart, explicitEnd } : {};
        clocks.push({ traceId, spanId, start: start.unix, end: start.unix + (endedAt - start.mono), ...explicit });
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
    timed(spanId, which, explicit) {
      const start = startedAt.get(spanId);
      if (!start) return;
      if (which === 'start') start.watchedStart = true;
      else start.watchedEnd = true;
      if (explicit) start[which === 'start' ? 'explicitStart' : 'explicitEnd'] = true;
    },
    unfinished: () => [...open.values()].map((s) => spanRecordFromReadableSpan(s as unknown as ReadableSpan)),
    isFlooded: () => flooded,
  };
}
