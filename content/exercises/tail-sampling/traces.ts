// What a tail sampler knows about a trace: it waits until every span has arrived, so it can
// judge the trace by its outcome.
import { SpanStatusCode } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';

export interface CompletedTrace {
  /** 32 lowercase hex digits, random. */
  readonly traceId: string;
  /** How long the root span took, in milliseconds. */
  readonly durationMs: number;
  /** Whether any span of the trace has status ERROR. */
  readonly hasError: boolean;
  readonly spanCount: number;
}

/** Groups finished spans by trace id, as the Collector's tail_sampling processor does. */
export function completedTraces(spans: readonly ReadableSpan[]): CompletedTrace[] {
  const byTrace = new Map<string, ReadableSpan[]>();
  for (const span of spans) {
    const id = span.spanContext().traceId;
    byTrace.set(id, [...(byTrace.get(id) ?? []), span]);
  }
  return [...byTrace].map(([traceId, group]) => {
    const root = group.find((s) => s.parentSpanContext === undefined) ?? group[0]!;
    return {
      traceId,
      durationMs: hrTimeToMilliseconds(root.duration),
      hasError: group.some((s) => s.status.code === SpanStatusCode.ERROR),
      spanCount: group.length,
    };
  });
}
