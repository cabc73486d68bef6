import type { Attributes as ApiAttributes, HrTime, SpanContext, TraceState } from '@opentelemetry/api';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { Attributes, SpanKindName, SpanRecord } from '../../sandboxes/wire/span-record.ts';

/**
 * What `@opentelemetry/exporter-trace-otlp-http` sends for some finished spans: the body its
 * JSON serializer (`JsonTraceSerializer` of `@opentelemetry/otlp-transformer`) writes, parsed.
 * Checks have span records, not the SDK's spans, so each record is turned back into the parts of
 * a `ReadableSpan` the serializer reads.
 *
 * Two things a record does not keep: the trace flags (the sandbox keeps sampled spans only, so
 * they are `01`) and whether a parent or a link came from another process, which the serializer
 * writes in bits 8 and 9 of `flags`. The reference says "local"; `otlpDifference` compares only
 * the low 8 bits of `flags` for that reason.
 */

const NANOS_PER_SECOND = 1_000_000_000n;
const SAMPLED = 1;

/** The API's `SpanKind` for each OTLP kind name; UNSPECIFIED has none. */
const API_KIND: Readonly<Record<SpanKindName, number | undefined>> = {
  UNSPECIFIED: undefined,
  INTERNAL: 0,
  SERVER: 1,
  CLIENT: 2,
  PRODUCER: 3,
  CONSUMER: 4,
};
const API_STATUS = { UNSET: 0, OK: 1, ERROR: 2 } as const;

function hrTime(unixNano: string): HrTime {
  const nanos = BigInt(unixNano);
  return [Number(nanos / NANOS_PER_SECOND), Number(nanos % NANOS_PER_SECOND)];
}

function spanContext(traceId: string, spanId: string, traceState: string | undefined): SpanContext {
  return {
    traceId,
    spanId,
    traceFlags: SAMPLED,
    isRemote: false,
    // The serializer only calls `serialize()` on it.
    ...(traceState ? { traceState: { serialize: () => traceState } as TraceState } : {}),
  };
}

/** The parts of a ReadableSpan that the serializer reads; `resource` is shared per distinct attribute set, as a provider shares its own. */
function readableSpan(record: SpanRecord, resource: { attributes: Attributes }): ReadableSpan {
  const span = {
    name: record.name,
    kind: API_KIND[record.kind],
    spanContext: () => spanContext(record.traceId, record.spanId, record.traceState),
    parentSpanContext: record.parentSpanId ? spanContext(record.traceId, record.parentSpanId, undefined) : undefined,
    startTime: hrTime(record.startTimeUnixNano),
    endTime: hrTime(record.endTimeUnixNano ?? '0'),
    status: { code: API_STATUS[record.status.code], ...(record.status.message !== undefined ? { message: record.status.message } : {}) },
    attributes: record.attributes as ApiAttributes,
    links: record.links.map((link) => ({ context: spanContext(link.traceId, link.spanId, link.traceState), attributes: link.attributes as ApiAttributes })),
    events: record.events.map((event) => ({ name: event.name, time: hrTime(event.timeUnixNano), attributes: event.attributes as ApiAttributes })),
    resource,
    instrumentationScope: { name: record.scope.name, ...(record.scope.version !== undefined ? { version: record.scope.version } : {}) },
    droppedAttributesCount: record.dropped?.attributes ?? 0,
    droppedEventsCount: record.dropped?.events ?? 0,
    droppedLinksCount: record.dropped?.links ?? 0,
    ended: record.endTimeUnixNano !== undefined,
    duration: [0, 0] as HrTime,
  };
  return span as unknown as ReadableSpan;
}

/** The `ExportTraceServiceRequest` the OTLP/HTTP exporter sends for `records`, in this order, as parsed JSON. */
export function exporterRequest(records: readonly SpanRecord[]): unknown {
  const resources = new Map<string, { attributes: Attributes }>();
  const spans = records.map((record) => {
    const key = JSON.stringify(Object.entries(record.resource).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    let resource = resources.get(key);
    if (!resource) {
      resource = { attributes: record.resource };
      resources.set(key, resource);
    }
    return readableSpan(record, resource);
  });
  const bytes = JsonTraceSerializer.serializeRequest(spans);
  return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
}
