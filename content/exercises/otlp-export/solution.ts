import type { Attributes, AttributeValue, HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { AnyValue, ExportTraceServiceRequest, KeyValue, OtlpSpan } from './otlp-types.js';

/** Unix nanoseconds as a decimal string. `seconds * 1e9 + nanos` as a number would overflow 2^53 and lose digits. */
function unixNano([seconds, nanos]: HrTime): string {
  return (BigInt(seconds) * BigInt(1e9) + BigInt(nanos)).toString();
}

function toAnyValue(value: AttributeValue | null | undefined): AnyValue {
  if (Array.isArray(value)) return { arrayValue: { values: value.map((item) => toAnyValue(item)) } };
  if (typeof value === 'boolean') return { boolValue: value };
  // The SDK's rule: an integral number is an intValue, any other number a doubleValue.
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: value } : { doubleValue: value };
  return { stringValue: String(value ?? '') };
}

function toKeyValues(attributes: Attributes): KeyValue[] {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: toAnyValue(value) }));
}

function toOtlpSpan(span: ReadableSpan): OtlpSpan {
  const { traceId, spanId } = span.spanContext();
  return {
    traceId,
    spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    name: span.name,
    // OTLP keeps 0 for "unspecified", so every API SpanKind moves up by one: CLIENT (2) is 3.
    kind: span.kind + 1,
    startTimeUnixNano: unixNano(span.startTime),
    endTimeUnixNano: unixNano(span.endTime),
    attributes: toKeyValues(span.attributes),
    events: span.events.map((event) => ({ name: event.name, timeUnixNano: unixNano(event.time), attributes: toKeyValues(event.attributes ?? {}) })),
    // The API's SpanStatusCode and OTLP's status codes are the same numbers.
    status: { code: span.status.code, message: span.status.message },
  };
}

/** The OTLP/JSON body for finished spans: resourceSpans > scopeSpans > spans, grouped as the exporter groups them. */
export function toExportRequest(spans: ReadableSpan[]): ExportTraceServiceRequest {
  // Spans of one provider share its resource object; one scope is one tracer name and version.
  const byResource = new Map<ReadableSpan['resource'], Map<string, ReadableSpan[]>>();
  for (const span of spans) {
    let scopes = byResource.get(span.resource);
    if (!scopes) byResource.set(span.resource, (scopes = new Map()));
    const key = `${span.instrumentationScope.name}@${span.instrumentationScope.version ?? ''}`;
    scopes.set(key, [...(scopes.get(key) ?? []), span]);
  }
  return {
    resourceSpans: [...byResource].map(([resource, scopes]) => ({
      resource: { attributes: toKeyValues(resource.attributes) },
      scopeSpans: [...scopes.values()].map((group) => ({
        scope: { name: group[0]!.instrumentationScope.name, version: group[0]!.instrumentationScope.version },
        spans: group.map(toOtlpSpan),
      })),
    })),
  };
}
