import type { Attributes, AttributeValue, HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { AnyValue, ExportTraceServiceRequest, KeyValue, OtlpSpan } from './otlp-types.js';

/** Unix nanoseconds as a decimal string. */
function unixNano(time: HrTime): string {
  // TODO: HrTime is [seconds, nanoseconds]. Make one exact decimal string of them.
  return String(time[0]);
}

function toAnyValue(value: AttributeValue | null | undefined): AnyValue {
  // TODO: booleans, integers, other numbers and arrays have their own kind of value.
  return { stringValue: String(value) };
}

function toKeyValues(attributes: Attributes): KeyValue[] {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: toAnyValue(value) }));
}

function toOtlpSpan(span: ReadableSpan): OtlpSpan {
  // TODO: ids, parent, kind as an OTLP number, times, attributes, events and status.
  return { traceId: '', spanId: '', name: span.name, kind: span.kind, startTimeUnixNano: unixNano(span.startTime), endTimeUnixNano: unixNano(span.endTime) };
}

/** The OTLP/JSON body for finished spans: resourceSpans > scopeSpans > spans. */
export function toExportRequest(spans: ReadableSpan[]): ExportTraceServiceRequest {
  // TODO: one resourceSpans per resource, one scopeSpans per instrumentation scope (tracer name
  // and version) inside it. For now every span goes into one scope named after the first span's.
  const first = spans[0];
  return {
    resourceSpans: [
      {
        resource: { attributes: first ? toKeyValues(first.resource.attributes) : [] },
        scopeSpans: [{ scope: { name: first?.instrumentationScope.name ?? '' }, spans: spans.map(toOtlpSpan) }],
      },
    ],
  };
}
