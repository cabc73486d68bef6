/**
 * The one span shape every part of the course shares: runtimes produce it, the viewer draws it,
 * checks grade it. It is close to OTLP/JSON so that converting either way loses nothing, and it
 * is plain data (structured-clone and JSON safe) so that it crosses `postMessage` and pipes.
 */

/** Attribute values as OpenTelemetry allows them: scalars or homogeneous arrays. */
export type AttributeValue = string | number | boolean | Array<string | null> | Array<number | null> | Array<boolean | null>;
export type Attributes = Record<string, AttributeValue>;

/** OTLP span kinds; the API's `SpanKind` + 1 (0 is UNSPECIFIED in OTLP). */
export const SpanKindName = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;
export type SpanKindName = (typeof SpanKindName)[number];

export type StatusCodeName = 'UNSET' | 'OK' | 'ERROR';

export interface SpanEventRecord {
  name: string;
  /** Unix time in nanoseconds, as a decimal string (64-bit integers do not fit a JS number). */
  timeUnixNano: string;
  attributes: Attributes;
}

export interface SpanLinkRecord {
  traceId: string;
  spanId: string;
  attributes: Attributes;
  traceState?: string;
}

export interface SpanRecord {
  /** 32 lowercase hex characters. */
  traceId: string;
  /** 16 lowercase hex characters. */
  spanId: string;
  /** 16 lowercase hex characters; absent on a root span. */
  parentSpanId?: string;
  traceState?: string;
  name: string;
  kind: SpanKindName;
  /** Unix time in nanoseconds, decimal strings. */
  startTimeUnixNano: string;
  /** Absent while the span has not ended (a span the program never ended). */
  endTimeUnixNano?: string;
  attributes: Attributes;
  events: SpanEventRecord[];
  links: SpanLinkRecord[];
  status: { code: StatusCodeName; message?: string };
  /** Attributes of the process that produced the span (service.name, ...). */
  resource: Attributes;
  /** The tracer that produced the span: `trace.getTracer(name, version)`. */
  scope: { name: string; version?: string };
  /** Counts the SDK dropped because of its limits, when non-zero. */
  dropped?: { attributes?: number; events?: number; links?: number };
}

/** Duration in nanoseconds as a bigint, or undefined while the span is unfinished. */
export function durationNanos(span: Pick<SpanRecord, 'startTimeUnixNano' | 'endTimeUnixNano'>): bigint | undefined {
  if (span.endTimeUnixNano === undefined) return undefined;
  return BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano);
}

/** Duration in milliseconds (float), for display and checks. */
export function durationMs(span: Pick<SpanRecord, 'startTimeUnixNano' | 'endTimeUnixNano'>): number | undefined {
  const ns = durationNanos(span);
  return ns === undefined ? undefined : Number(ns) / 1e6;
}
