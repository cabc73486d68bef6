// The shape of an OTLP/JSON ExportTraceServiceRequest (opentelemetry-proto, trace/v1 and
// common/v1), as far as this exercise needs it. A field left out means its default: 0, "", [].

/** One attribute: `{ key: 'http.response.status_code', value: { intValue: '200' } }`. */
export interface KeyValue {
  key: string;
  value: AnyValue;
}

/** Exactly one of these is set. 64-bit integers (`intValue`) may be written as decimal strings. */
export type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string | number }
  | { doubleValue: number }
  | { arrayValue: { values: AnyValue[] } };

export interface OtlpEvent {
  name: string;
  /** Unix time in nanoseconds, as a decimal string. */
  timeUnixNano: string;
  attributes?: KeyValue[];
}

export interface OtlpSpan {
  /** 32 hex digits. */
  traceId: string;
  /** 16 hex digits. */
  spanId: string;
  /** 16 hex digits; left out on a root span. */
  parentSpanId?: string;
  name: string;
  /** 0 UNSPECIFIED, 1 INTERNAL, 2 SERVER, 3 CLIENT, 4 PRODUCER, 5 CONSUMER. */
  kind: number;
  /** Unix time in nanoseconds, as a decimal string. */
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: KeyValue[];
  events?: OtlpEvent[];
  /** code: 0 UNSET, 1 OK, 2 ERROR. */
  status?: { code: number; message?: string };
}

export interface ExportTraceServiceRequest {
  resourceSpans: Array<{
    /** The process that produced the spans: its attributes are sent once, not once per span. */
    resource: { attributes: KeyValue[] };
    /** One entry per instrumentation scope (the tracer's name and version). */
    scopeSpans: Array<{
      scope: { name: string; version?: string };
      spans: OtlpSpan[];
    }>;
  }>;
}
