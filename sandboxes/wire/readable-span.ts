/**
 * OpenTelemetry JS SDK 2.x `ReadableSpan` -> `SpanRecord`.
 *
 * Type-only imports: this module runs in a browser Worker and in Node, and must not pull the SDK
 * (or any Node built-in) into a bundle just to read a span the caller already holds.
 */
import type { Attributes as ApiAttributes, HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { AttributeValue, Attributes, SpanKindName, SpanRecord, StatusCodeName } from './span-record.ts';

/** API `SpanKind` numbers (INTERNAL = 0 ... CONSUMER = 4) -> OTLP names; OTLP adds UNSPECIFIED. */
const KIND_BY_API_NUMBER: readonly SpanKindName[] = ['INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];

/** API `SpanStatusCode` numbers; OTLP uses the same numbers. */
const STATUS_BY_API_NUMBER: readonly StatusCodeName[] = ['UNSET', 'OK', 'ERROR'];

const INVALID_SPAN_ID = '0000000000000000';
const NANOS_PER_SECOND = 1_000_000_000n;

/**
 * Unix nanoseconds as an exact decimal string. `seconds * 1e9` overflows a double's 53 bits, so
 * the arithmetic is done in BigInt. `Math.trunc` matches the SDK's own OTLP encoder.
 */
export function hrTimeToUnixNanoString(time: HrTime): string {
  return (BigInt(Math.trunc(time[0])) * NANOS_PER_SECOND + BigInt(Math.trunc(time[1]))).toString();
}

export function spanRecordFromReadableSpan(span: ReadableSpan): SpanRecord {
  const context = span.spanContext();
  const record: SpanRecord = {
    traceId: context.traceId.toLowerCase(),
    spanId: context.spanId.toLowerCase(),
    name: span.name,
    kind: KIND_BY_API_NUMBER[span.kind] ?? 'UNSPECIFIED',
    startTimeUnixNano: hrTimeToUnixNanoString(span.startTime),
    attributes: copyAttributes(span.attributes),
    events: span.events.map((event) => ({
      name: event.name,
      timeUnixNano: hrTimeToUnixNanoString(event.time),
      attributes: copyAttributes(event.attributes),
    })),
    links: span.links.map((link) => {
      const traceState = link.context.traceState?.serialize();
      return {
        traceId: link.context.traceId.toLowerCase(),
        spanId: link.context.spanId.toLowerCase(),
        attributes: copyAttributes(link.attributes),
        ...(traceState ? { traceState } : {}),
      };
    }),
    status: statusOf(span),
    // Copied per span, not cached per Resource: async resource attributes can settle between spans.
    resource: copyAttributes(span.resource.attributes),
    scope: {
      name: span.instrumentationScope.name,
      ...(span.instrumentationScope.version !== undefined ? { version: span.instrumentationScope.version } : {}),
    },
  };

  // An all-zero parent is the API's "invalid context", i.e. no parent.
  const parentSpanId = span.parentSpanContext?.spanId;
  if (parentSpanId && parentSpanId !== INVALID_SPAN_ID) record.parentSpanId = parentSpanId.toLowerCase();

  const traceState = context.traceState?.serialize();
  if (traceState) record.traceState = traceState;

  // The SDK keeps endTime at [0, 0] until end(); only `ended` says whether it is real.
  if (span.ended) record.endTimeUnixNano = hrTimeToUnixNanoString(span.endTime);

  const dropped: NonNullable<SpanRecord['dropped']> = {};
  if (span.droppedAttributesCount > 0) dropped.attributes = span.droppedAttributesCount;
  if (span.droppedEventsCount > 0) dropped.events = span.droppedEventsCount;
  if (span.droppedLinksCount > 0) dropped.links = span.droppedLinksCount;
  if (dropped.attributes !== undefined || dropped.events !== undefined || dropped.links !== undefined) record.dropped = dropped;

  return record;
}

function statusOf(span: ReadableSpan): SpanRecord['status'] {
  const code = STATUS_BY_API_NUMBER[span.status.code] ?? 'UNSET';
  return span.status.message !== undefined ? { code, message: span.status.message } : { code };
}

/**
 * A fresh plain copy, so the record does not alias (or keep alive) the SDK's objects. The SDK
 * validates values on the way in, but `ReadableSpan` is an interface anyone can implement, so
 * anything that is not an attribute value is skipped rather than smuggled into the record.
 */
function copyAttributes(source: ApiAttributes | undefined): Attributes {
  const out: Attributes = {};
  if (!source) return out;
  for (const key of Object.keys(source)) {
    const value = copyAttributeValue(source[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function copyAttributeValue(value: unknown): AttributeValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      if (!Array.isArray(value)) return undefined;
      return copyArray(value);
    default:
      return undefined;
  }
}

/**
 * The API allows `undefined` holes in arrays; JSON would turn them into null anyway, so the record
 * holds null there (the SDK's OTLP encoder writes an empty AnyValue for both).
 */
function copyArray(items: readonly unknown[]): AttributeValue | undefined {
  let kind: 'string' | 'number' | 'boolean' | undefined;
  const out: Array<string | number | boolean | null> = [];
  for (const item of items) {
    if (item === null || item === undefined) {
      out.push(null);
      continue;
    }
    const t = typeof item;
    if (t !== 'string' && t !== 'number' && t !== 'boolean') return undefined;
    if (kind === undefined) kind = t;
    else if (kind !== t) return undefined;
    out.push(item as string | number | boolean);
  }
  // Homogeneity was checked above; the cast only restates it for the type system.
  return out as AttributeValue;
}
