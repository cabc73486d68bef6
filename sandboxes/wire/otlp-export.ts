/**
 * Span records -> OTLP/JSON (`ExportTraceServiceRequest`, opentelemetry-proto "JSON Protobuf
 * Encoding"): what the viewer's Export writes and what the sandbox harness sends to a collector.
 *
 * Plain functions over plain data: no DOM, no Node built-ins, so it runs in a sandbox, a Worker,
 * the page and Node.
 *
 * Number rule: a JS number that `Number.isInteger` accepts becomes `intValue` (as a decimal
 * string), every other number becomes `doubleValue`. A record cannot tell `3` from `3.0`, and this
 * is the rule the OpenTelemetry JS SDK's own OTLP encoder uses, so a span exported by the course
 * and one exported by the SDK read the same. Integers beyond the int64 range (which a double can
 * hold, e.g. 1e21) become `doubleValue` because `intValue` cannot carry them.
 */
import type { AttributeValue, Attributes, SpanKindName, SpanRecord, StatusCodeName } from './span-record.ts';
import type {
  ExportTraceServiceRequest,
  OtlpAnyValue,
  OtlpKeyValue,
  OtlpResourceSpans,
  OtlpScopeSpans,
  OtlpSpan,
  OtlpSpanKind,
  OtlpStatusCode,
} from './otlp-types.ts';

export type { ExportTraceServiceRequest } from './otlp-types.ts';

const KIND_NUMBER: Readonly<Record<SpanKindName, OtlpSpanKind>> = {
  UNSPECIFIED: 0,
  INTERNAL: 1,
  SERVER: 2,
  CLIENT: 3,
  PRODUCER: 4,
  CONSUMER: 5,
};

const STATUS_NUMBER: Readonly<Record<StatusCodeName, OtlpStatusCode>> = { UNSET: 0, OK: 1, ERROR: 2 };

const INT64_LIMIT = 2 ** 63;

/**
 * Groups spans the way exporters do: one ResourceSpans per distinct resource attribute set (key
 * order does not matter), one ScopeSpans per (name, version) inside it, first-seen order kept.
 * Unended records get no `endTimeUnixNano` (rather than the SDK's "0"), which some backends refuse.
 */
export function toOtlpJson(records: readonly SpanRecord[]): ExportTraceServiceRequest {
  const resources = new Map<string, { resourceSpans: OtlpResourceSpans; scopes: Map<string, OtlpScopeSpans> }>();
  // Records from one run usually share their resource object; skip re-keying it for every span.
  const keyByObject = new Map<Attributes, string>();

  for (const record of records) {
    let resourceKey = keyByObject.get(record.resource);
    if (resourceKey === undefined) {
      resourceKey = attributesKey(record.resource);
      keyByObject.set(record.resource, resourceKey);
    }
    let group = resources.get(resourceKey);
    if (group === undefined) {
      group = { resourceSpans: { resource: { attributes: toKeyValues(record.resource) }, scopeSpans: [] }, scopes: new Map() };
      resources.set(resourceKey, group);
    }
    const { name, version } = record.scope;
    const scopeKey = version === undefined ? `${name}\u0000` : `${name}\u0000\u0001${version}`;
    let scopeSpans = group.scopes.get(scopeKey);
    if (scopeSpans === undefined) {
      scopeSpans = { scope: version === undefined ? { name } : { name, version }, spans: [] };
      group.scopes.set(scopeKey, scopeSpans);
      group.resourceSpans.scopeSpans.push(scopeSpans);
    }
    scopeSpans.spans.push(toOtlpSpan(record));
  }

  return { resourceSpans: Array.from(resources.values(), (group) => group.resourceSpans) };
}

function toOtlpSpan(record: SpanRecord): OtlpSpan {
  const dropped = record.dropped;
  // Field order follows trace.proto so the JSON reads like other exporters' output.
  return {
    traceId: record.traceId,
    spanId: record.spanId,
    ...(record.parentSpanId !== undefined ? { parentSpanId: record.parentSpanId } : {}),
    ...(record.traceState !== undefined ? { traceState: record.traceState } : {}),
    name: record.name,
    kind: KIND_NUMBER[record.kind] ?? 0,
    startTimeUnixNano: record.startTimeUnixNano,
    ...(record.endTimeUnixNano !== undefined ? { endTimeUnixNano: record.endTimeUnixNano } : {}),
    attributes: toKeyValues(record.attributes),
    ...(dropped?.attributes ? { droppedAttributesCount: dropped.attributes } : {}),
    events: record.events.map((event) => ({
      timeUnixNano: event.timeUnixNano,
      name: event.name,
      attributes: toKeyValues(event.attributes),
    })),
    ...(dropped?.events ? { droppedEventsCount: dropped.events } : {}),
    links: record.links.map((link) => ({
      traceId: link.traceId,
      spanId: link.spanId,
      ...(link.traceState !== undefined ? { traceState: link.traceState } : {}),
      attributes: toKeyValues(link.attributes),
    })),
    ...(dropped?.links ? { droppedLinksCount: dropped.links } : {}),
    status: {
      code: STATUS_NUMBER[record.status.code] ?? 0,
      ...(record.status.message !== undefined ? { message: record.status.message } : {}),
    },
  };
}

function toKeyValues(attributes: Attributes): OtlpKeyValue[] {
  const out: OtlpKeyValue[] = [];
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    if (value !== undefined) out.push({ key, value: toAnyValue(value) });
  }
  return out;
}

function toAnyValue(value: AttributeValue | null): OtlpAnyValue {
  if (value === null) return {};
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return numberToAnyValue(value);
  const values: OtlpAnyValue[] = [];
  for (const item of value) values.push(toAnyValue(item));
  return { arrayValue: { values } };
}

function numberToAnyValue(value: number): OtlpAnyValue {
  if (Number.isSafeInteger(value)) return { intValue: String(value) };
  // Above 2^53 `String(x)` may switch to exponent notation; BigInt prints the double's exact integer.
  if (Number.isInteger(value) && value >= -INT64_LIMIT && value < INT64_LIMIT) return { intValue: BigInt(value).toString() };
  if (Number.isFinite(value)) return { doubleValue: value };
  // JSON has no NaN/Infinity literals; the proto JSON mapping spells them as strings.
  return { doubleValue: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' };
}

/** A key equal for equal attribute sets whatever their key order; type-tagged so 1 and "1" differ. */
function attributesKey(attributes: Attributes): string {
  const keys = Object.keys(attributes).sort();
  let out = '';
  for (const key of keys) {
    const value = attributes[key];
    if (value === undefined) continue;
    out += `${JSON.stringify(key)}=${valueKey(value)};`;
  }
  return out;
}

function valueKey(value: AttributeValue | null): string {
  if (value === null) return 'z';
  if (typeof value === 'string') return `s${JSON.stringify(value)}`;
  if (typeof value === 'number') return `n${String(value)}`;
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  let out = '[';
  for (const item of value) out += `${valueKey(item)},`;
  return `${out}]`;
}
