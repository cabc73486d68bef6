/**
 * OTLP/JSON shapes of `ExportTraceServiceRequest` (opentelemetry-proto, trace/v1 and common/v1),
 * as this course WRITES them. The reader (`fromOtlpJson`) takes `unknown` and is more lenient:
 * numbers for 64-bit integers, enum names, snake_case keys.
 *
 * Encoding rules that shape these types ("JSON Protobuf Encoding"):
 * - trace and span ids are hex strings, not base64;
 * - 64-bit integers (`*UnixNano`, `intValue`) are decimal strings so no precision is lost;
 * - enums are integers;
 * - doubles that JSON cannot hold are the strings "NaN", "Infinity", "-Infinity".
 */

/** Decimal digits of a 64-bit integer. */
export type Int64String = string;

export type OtlpDouble = number | 'NaN' | 'Infinity' | '-Infinity';

/**
 * `AnyValue` is a oneof: exactly one field is set. An empty object is the "no value" case
 * (the SDK writes it for null array elements).
 */
export type OtlpAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: Int64String }
  | { doubleValue: OtlpDouble }
  | { arrayValue: OtlpArrayValue }
  | { kvlistValue: OtlpKeyValueList }
  | { bytesValue: string }
  | Record<string, never>;

export interface OtlpArrayValue {
  values: OtlpAnyValue[];
}

export interface OtlpKeyValueList {
  values: OtlpKeyValue[];
}

export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

export interface OtlpResource {
  attributes: OtlpKeyValue[];
  droppedAttributesCount?: number;
}

export interface OtlpInstrumentationScope {
  name: string;
  version?: string;
  attributes?: OtlpKeyValue[];
  droppedAttributesCount?: number;
}

/** `Span.SpanKind`: the API's `SpanKind` + 1; 0 is UNSPECIFIED. */
export const OtlpSpanKind = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
} as const;
export type OtlpSpanKind = (typeof OtlpSpanKind)[keyof typeof OtlpSpanKind];

/** `Status.StatusCode`: same numbers as the API's `SpanStatusCode`. */
export const OtlpStatusCode = {
  STATUS_CODE_UNSET: 0,
  STATUS_CODE_OK: 1,
  STATUS_CODE_ERROR: 2,
} as const;
export type OtlpStatusCode = (typeof OtlpStatusCode)[keyof typeof OtlpStatusCode];

export interface OtlpStatus {
  code: OtlpStatusCode;
  message?: string;
}

export interface OtlpSpanEvent {
  timeUnixNano: Int64String;
  name: string;
  attributes: OtlpKeyValue[];
  droppedAttributesCount?: number;
}

export interface OtlpSpanLink {
  traceId: string;
  spanId: string;
  traceState?: string;
  attributes: OtlpKeyValue[];
  droppedAttributesCount?: number;
  flags?: number;
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  /** Absent (or empty) on a root span. */
  parentSpanId?: string;
  traceState?: string;
  flags?: number;
  name: string;
  kind: OtlpSpanKind;
  startTimeUnixNano: Int64String;
  /** Absent while the span has not ended; decoders may also see "0" for that. */
  endTimeUnixNano?: Int64String;
  attributes: OtlpKeyValue[];
  droppedAttributesCount?: number;
  events: OtlpSpanEvent[];
  droppedEventsCount?: number;
  links: OtlpSpanLink[];
  droppedLinksCount?: number;
  status: OtlpStatus;
}

export interface OtlpScopeSpans {
  scope: OtlpInstrumentationScope;
  spans: OtlpSpan[];
  schemaUrl?: string;
}

export interface OtlpResourceSpans {
  resource: OtlpResource;
  scopeSpans: OtlpScopeSpans[];
  schemaUrl?: string;
}

/** The body of `POST /v1/traces` with `Content-Type: application/json`. */
export interface ExportTraceServiceRequest {
  resourceSpans: OtlpResourceSpans[];
}
