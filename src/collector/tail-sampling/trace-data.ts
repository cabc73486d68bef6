import type { SpanRecord } from '../../../sandboxes/wire/span-record.ts';

/** The spans of one trace, as the processor holds them when it decides (in arrival order). */
export interface TraceData {
  traceId: string;
  spans: readonly SpanRecord[];
}

/** Groups span records by trace id, keeping the order in which each trace was first seen. */
export function groupByTrace(spans: readonly SpanRecord[]): TraceData[] {
  const traces = new Map<string, SpanRecord[]>();
  for (const span of spans) {
    const list = traces.get(span.traceId);
    if (list) list.push(span);
    else traces.set(span.traceId, [span]);
  }
  return [...traces].map(([traceId, list]) => ({ traceId, spans: list }));
}

/** Spans grouped by their resource, as OTLP's ResourceSpans group them. */
export function byResource(spans: readonly SpanRecord[]): Array<{ resource: SpanRecord['resource']; spans: SpanRecord[] }> {
  const groups = new Map<string, { resource: SpanRecord['resource']; spans: SpanRecord[] }>();
  for (const span of spans) {
    const key = JSON.stringify(span.resource);
    const group = groups.get(key);
    if (group) group.spans.push(span);
    else groups.set(key, { resource: span.resource, spans: [span] });
  }
  return [...groups.values()];
}
