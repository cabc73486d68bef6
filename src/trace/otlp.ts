/**
 * SpanRecord <-> OTLP/JSON (`ExportTraceServiceRequest`, opentelemetry-proto "JSON Protobuf
 * Encoding"), both ways, plus `parseOtlpJson` for text a learner pastes or uploads.
 *
 * Plain functions over plain data: no DOM, no Node built-ins, so it runs in a Worker, in the page
 * and in Node. Values stay data: nothing here builds HTML, so a span named `<img onerror=...>`
 * comes out as that exact string and it is the renderer's job to treat it as text.
 *
 * Number rule (export): a JS number that `Number.isInteger` accepts becomes `intValue` (as a
 * decimal string), every other number becomes `doubleValue`. A record cannot tell `3` from `3.0`,
 * and this is the rule the OpenTelemetry JS SDK's own OTLP encoder uses, so a span exported by the
 * course and one exported by the SDK read the same. Integers beyond the int64 range (which a double
 * can hold, e.g. 1e21) become `doubleValue` because `intValue` cannot carry them.
 */
import type { AttributeValue, Attributes, SpanEventRecord, SpanKindName, SpanLinkRecord, SpanRecord, StatusCodeName } from '../../sandboxes/wire/span-record.ts';
import { SpanKindName as SPAN_KIND_NAMES } from '../../sandboxes/wire/span-record.ts';
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

/** Nesting of arrayValue/kvlistValue beyond this is refused: no real attribute needs it, and it bounds recursion. */
export const MAX_ANY_VALUE_DEPTH = 32;

/** Each kind of warning is listed this many times with its location, then summarised with a count. */
const WARNINGS_PER_KIND = 5;

export interface OtlpImportResult {
  records: SpanRecord[];
  /** Data that was readable but not kept exactly (kvlist rendered as text, rounded integers...). */
  warnings: string[];
}

/**
 * Input that is not OTLP/JSON. `path` points into the document
 * (`resourceSpans[0].scopeSpans[1].spans[3].spanId`, lowerCamelCase field names even when the
 * input used snake_case); JSON syntax errors carry `line` and `column` (1-based) instead.
 */
export class OtlpImportError extends Error {
  override readonly name = 'OtlpImportError';
  readonly path: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly reason: string;

  constructor(reason: string, where: { path: string } | { line: number; column: number }) {
    super('path' in where ? (where.path ? `${where.path}: ${reason}` : reason) : `JSON syntax error at line ${where.line}, column ${where.column}: ${reason}`);
    this.reason = reason;
    this.path = 'path' in where ? where.path : undefined;
    this.line = 'line' in where ? where.line : undefined;
    this.column = 'column' in where ? where.column : undefined;
  }
}

/* ============================================================================================
 * Export: records -> OTLP/JSON
 * ========================================================================================== */

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

/* ============================================================================================
 * Import: OTLP/JSON -> records
 * ========================================================================================== */

type JsonObject = Record<string, unknown>;

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const UNSIGNED_DIGITS = /^[0-9]+$/;
const SIGNED_DIGITS = /^-?[0-9]+$/;
const LEADING_ZEROS = /^0+(?=[0-9])/;
const DECIMAL_NUMBER = /^-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;
const UINT64_MAX = '18446744073709551615';
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

// Maps, not object literals: a span kind of "__proto__" or "toString" must not find anything.
const KIND_BY_NAME = new Map<string, SpanKindName>([
  ...SPAN_KIND_NAMES.map((name) => [`SPAN_KIND_${name}`, name] as const),
  ...SPAN_KIND_NAMES.map((name) => [name, name] as const),
]);
const STATUS_NAMES: readonly StatusCodeName[] = ['UNSET', 'OK', 'ERROR'];
const STATUS_BY_NAME = new Map<string, StatusCodeName>([
  ...STATUS_NAMES.map((name) => [`STATUS_CODE_${name}`, name] as const),
  ...STATUS_NAMES.map((name) => [name, name] as const),
]);

type ValueField = 'stringValue' | 'boolValue' | 'intValue' | 'doubleValue' | 'arrayValue' | 'kvlistValue' | 'bytesValue';
const VALUE_FIELDS = new Map<string, ValueField>();
for (const field of ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue'] as const) {
  VALUE_FIELDS.set(field, field);
  VALUE_FIELDS.set(toSnakeCase(field), field);
}

/** Collects warnings, keeping the list short when one problem repeats over 100,000 spans. */
class Warnings {
  private readonly counts = new Map<string, number>();
  private readonly list: string[] = [];

  add(kind: string, message: string): void {
    const count = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, count);
    if (count <= WARNINGS_PER_KIND) this.list.push(message);
  }

  finish(): string[] {
    for (const [kind, count] of this.counts) {
      if (count > WARNINGS_PER_KIND) this.list.push(`...and ${count - WARNINGS_PER_KIND} more like this: ${kind}`);
    }
    return this.list;
  }
}

/** What one resource and scope contribute to each of their spans. */
interface SpanOwner {
  resource: Attributes;
  scope: SpanRecord['scope'];
}

/**
 * Reads an `ExportTraceServiceRequest` that `JSON.parse` produced. Lenient where the format allows
 * variation (id case, numbers or strings for 64-bit integers, enum names, snake_case keys, unknown
 * fields, the pre-1.0 `instrumentationLibrarySpans`), strict where data would be wrong (bad ids,
 * non-integer times, out-of-range enums): those throw `OtlpImportError` naming the path.
 *
 * Records of one resource share their `resource` and `scope` objects (100,000 spans rarely have
 * more than a handful); treat records as read-only.
 */
export function fromOtlpJson(input: unknown): OtlpImportResult {
  if (!isObject(input)) fail('', `expected an OTLP/JSON object like {"resourceSpans": [...]}, got ${describe(input)}`);
  const resourceSpans = get(input, 'resourceSpans', 'resource_spans');
  if (resourceSpans === undefined) fail('resourceSpans', `missing: the input has no "resourceSpans" field${otherSignalHint(input)}`);
  if (!Array.isArray(resourceSpans)) fail('resourceSpans', `expected an array, got ${describe(resourceSpans)}`);

  const warnings = new Warnings();
  const records: SpanRecord[] = [];
  for (let r = 0; r < resourceSpans.length; r++) {
    readResourceSpans(resourceSpans[r], `resourceSpans[${r}]`, records, warnings);
  }
  return { records, warnings: warnings.finish() };
}

function readResourceSpans(raw: unknown, path: string, records: SpanRecord[], warnings: Warnings): void {
  if (!isObject(raw)) fail(path, `expected an object with "resource" and "scopeSpans", got ${describe(raw)}`);

  const rawResource = get(raw, 'resource');
  let resource: Attributes = {};
  if (rawResource !== undefined) {
    if (!isObject(rawResource)) fail(`${path}.resource`, `expected an object, got ${describe(rawResource)}`);
    resource = readAttributes(get(rawResource, 'attributes'), `${path}.resource.attributes`, warnings);
  }

  let scopeField = 'scopeSpans';
  let scopeSpans = get(raw, 'scopeSpans', 'scope_spans');
  if (scopeSpans === undefined) {
    // OTLP before 1.0 called scopes "instrumentation libraries"; old collector dumps still use it.
    const legacy = get(raw, 'instrumentationLibrarySpans', 'instrumentation_library_spans');
    if (legacy !== undefined) {
      scopeField = 'instrumentationLibrarySpans';
      scopeSpans = legacy;
    }
  }
  if (scopeSpans === undefined) return;
  if (!Array.isArray(scopeSpans)) fail(`${path}.${scopeField}`, `expected an array, got ${describe(scopeSpans)}`);

  for (let s = 0; s < scopeSpans.length; s++) {
    const scopePath = `${path}.${scopeField}[${s}]`;
    const rawScopeSpans = scopeSpans[s];
    if (!isObject(rawScopeSpans)) fail(scopePath, `expected an object with "scope" and "spans", got ${describe(rawScopeSpans)}`);
    const owner: SpanOwner = { resource, scope: readScope(rawScopeSpans, scopePath, warnings) };
    const spans = get(rawScopeSpans, 'spans');
    if (spans === undefined) continue;
    if (!Array.isArray(spans)) fail(`${scopePath}.spans`, `expected an array, got ${describe(spans)}`);
    for (let i = 0; i < spans.length; i++) {
      records.push(readSpan(spans[i], `${scopePath}.spans[${i}]`, owner, warnings));
    }
  }
}

function readScope(rawScopeSpans: JsonObject, scopePath: string, warnings: Warnings): SpanRecord['scope'] {
  let field = 'scope';
  let raw = get(rawScopeSpans, 'scope');
  if (raw === undefined) {
    const legacy = get(rawScopeSpans, 'instrumentationLibrary', 'instrumentation_library');
    if (legacy !== undefined) {
      field = 'instrumentationLibrary';
      raw = legacy;
    }
  }
  if (raw === undefined) return { name: '' };
  const path = `${scopePath}.${field}`;
  if (!isObject(raw)) fail(path, `expected an object with "name" and "version", got ${describe(raw)}`);
  const name = optionalString(get(raw, 'name'), path, 'name') ?? '';
  const version = optionalString(get(raw, 'version'), path, 'version');
  const attributes = get(raw, 'attributes');
  if (Array.isArray(attributes) && attributes.length > 0) {
    warnings.add('scope attributes are not kept', `${path}.attributes: scope attributes are not kept (a span record's scope holds only name and version)`);
  }
  return version === undefined ? { name } : { name, version };
}

function readSpan(raw: unknown, path: string, owner: SpanOwner, warnings: Warnings): SpanRecord {
  if (!isObject(raw)) fail(path, `expected a span object, got ${describe(raw)}`);

  const record: SpanRecord = {
    traceId: readId(get(raw, 'traceId', 'trace_id'), 32, path, 'traceId'),
    spanId: readId(get(raw, 'spanId', 'span_id'), 16, path, 'spanId'),
    name: optionalString(get(raw, 'name'), path, 'name') ?? '',
    kind: readKind(get(raw, 'kind'), path),
    startTimeUnixNano: readUnixNano(get(raw, 'startTimeUnixNano', 'start_time_unix_nano'), path, 'startTimeUnixNano', warnings),
    attributes: readAttributes(get(raw, 'attributes'), `${path}.attributes`, warnings),
    events: readEvents(get(raw, 'events'), path, warnings),
    links: readLinks(get(raw, 'links'), path, warnings),
    status: readStatus(get(raw, 'status'), path),
    resource: owner.resource,
    scope: owner.scope,
  };

  const parent = get(raw, 'parentSpanId', 'parent_span_id');
  if (parent !== undefined && parent !== '') {
    const parentSpanId = readHex(parent, 16, path, 'parentSpanId');
    if (parentSpanId === ZERO_SPAN_ID) {
      // Some converters write zeros for "no parent"; reading it as a root loses nothing.
      warnings.add('all-zero parentSpanId read as a root span', `${path}.parentSpanId: all-zero id read as "no parent" (root span)`);
    } else {
      record.parentSpanId = parentSpanId;
    }
  }

  const traceState = optionalString(get(raw, 'traceState', 'trace_state'), path, 'traceState');
  if (traceState) record.traceState = traceState;

  const end = get(raw, 'endTimeUnixNano', 'end_time_unix_nano');
  if (end !== undefined) {
    const endTimeUnixNano = readUnixNano(end, path, 'endTimeUnixNano', warnings);
    // The JS SDK writes "0" for a span that never ended; 0 is also proto3's "not set".
    if (endTimeUnixNano !== '0') {
      if (compareDecimal(endTimeUnixNano, record.startTimeUnixNano) < 0) {
        warnings.add('span ends before it starts', `${path}.endTimeUnixNano: ends before startTimeUnixNano`);
      }
      record.endTimeUnixNano = endTimeUnixNano;
    }
  }

  const droppedAttributes = readCount(get(raw, 'droppedAttributesCount', 'dropped_attributes_count'), path, 'droppedAttributesCount');
  const droppedEvents = readCount(get(raw, 'droppedEventsCount', 'dropped_events_count'), path, 'droppedEventsCount');
  const droppedLinks = readCount(get(raw, 'droppedLinksCount', 'dropped_links_count'), path, 'droppedLinksCount');
  if (droppedAttributes || droppedEvents || droppedLinks) {
    record.dropped = {
      ...(droppedAttributes ? { attributes: droppedAttributes } : {}),
      ...(droppedEvents ? { events: droppedEvents } : {}),
      ...(droppedLinks ? { links: droppedLinks } : {}),
    };
  }
  return record;
}

function readEvents(raw: unknown, spanPath: string, warnings: Warnings): SpanEventRecord[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) fail(`${spanPath}.events`, `expected an array, got ${describe(raw)}`);
  const events: SpanEventRecord[] = [];
  for (let i = 0; i < raw.length; i++) {
    const path = `${spanPath}.events[${i}]`;
    const event = raw[i];
    if (!isObject(event)) fail(path, `expected an event object, got ${describe(event)}`);
    events.push({
      name: optionalString(get(event, 'name'), path, 'name') ?? '',
      timeUnixNano: readUnixNano(get(event, 'timeUnixNano', 'time_unix_nano'), path, 'timeUnixNano', warnings),
      attributes: readAttributes(get(event, 'attributes'), `${path}.attributes`, warnings),
    });
  }
  return events;
}

function readLinks(raw: unknown, spanPath: string, warnings: Warnings): SpanLinkRecord[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) fail(`${spanPath}.links`, `expected an array, got ${describe(raw)}`);
  const links: SpanLinkRecord[] = [];
  for (let i = 0; i < raw.length; i++) {
    const path = `${spanPath}.links[${i}]`;
    const link = raw[i];
    if (!isObject(link)) fail(path, `expected a link object, got ${describe(link)}`);
    const record: SpanLinkRecord = {
      traceId: readId(get(link, 'traceId', 'trace_id'), 32, path, 'traceId'),
      spanId: readId(get(link, 'spanId', 'span_id'), 16, path, 'spanId'),
      attributes: readAttributes(get(link, 'attributes'), `${path}.attributes`, warnings),
    };
    const traceState = optionalString(get(link, 'traceState', 'trace_state'), path, 'traceState');
    if (traceState) record.traceState = traceState;
    links.push(record);
  }
  return links;
}

function readStatus(raw: unknown, spanPath: string): SpanRecord['status'] {
  if (raw === undefined) return { code: 'UNSET' };
  const path = `${spanPath}.status`;
  if (!isObject(raw)) fail(path, `expected an object like {"code": 2, "message": "..."}, got ${describe(raw)}`);
  const rawCode = get(raw, 'code');
  let code: StatusCodeName | undefined = 'UNSET';
  if (typeof rawCode === 'number') code = Number.isInteger(rawCode) ? STATUS_NAMES[rawCode] : undefined;
  else if (typeof rawCode === 'string') code = STATUS_BY_NAME.get(rawCode);
  else if (rawCode !== undefined) code = undefined;
  if (code === undefined) {
    fail(`${path}.code`, `expected a status code: 0 (UNSET), 1 (OK), 2 (ERROR) or a name like "STATUS_CODE_ERROR", got ${describe(rawCode)}`);
  }
  const message = optionalString(get(raw, 'message'), path, 'message');
  return message === undefined ? { code } : { code, message };
}

function readKind(raw: unknown, spanPath: string): SpanKindName {
  if (raw === undefined) return 'UNSPECIFIED';
  let kind: SpanKindName | undefined;
  if (typeof raw === 'number') kind = Number.isInteger(raw) ? SPAN_KIND_NAMES[raw] : undefined;
  else if (typeof raw === 'string') kind = KIND_BY_NAME.get(raw);
  if (kind === undefined) {
    fail(`${spanPath}.kind`, `expected a span kind: an integer 0-5 or a name like "SPAN_KIND_SERVER", got ${describe(raw)}`);
  }
  return kind;
}

/** A trace or span id: hex in either case, lowercased; all zeros is the "invalid" id. */
function readId(raw: unknown, length: 16 | 32, parentPath: string, field: string): string {
  if (raw === undefined) fail(`${parentPath}.${field}`, `missing: expected ${length} hex characters`);
  const id = readHex(raw, length, parentPath, field);
  if (id === (length === 32 ? ZERO_TRACE_ID : ZERO_SPAN_ID)) fail(`${parentPath}.${field}`, `all-zero ${field} is invalid`);
  return id;
}

function readHex(raw: unknown, length: 16 | 32, parentPath: string, field: string): string {
  if (typeof raw === 'string' && raw.length === length && HEX.test(raw)) return raw.toLowerCase();
  let detail = '';
  if (typeof raw === 'string') {
    if (raw.length !== length && HEX.test(raw)) detail = ` (${raw.length} characters)`;
    // 16 bytes are 24 base64 characters, 8 bytes 12: the protobuf-JSON default OTLP replaces with hex.
    else if (raw.length === (length === 32 ? 24 : 12) && BASE64.test(raw)) detail = ' (this looks like base64; OTLP/JSON ids are hex)';
  }
  fail(`${parentPath}.${field}`, `expected ${length} hex characters, got ${describe(raw)}${detail}`);
}

/**
 * A uint64 nanosecond timestamp, as a canonical decimal string. JSON numbers are accepted (the
 * spec allows them) but above 2^53 `JSON.parse` has already rounded them, hence the warning.
 */
function readUnixNano(raw: unknown, parentPath: string, field: string, warnings: Warnings): string {
  if (typeof raw === 'string') {
    if (!UNSIGNED_DIGITS.test(raw)) {
      fail(`${parentPath}.${field}`, `expected a non-negative integer number of nanoseconds (a decimal string), got ${describe(raw)}`);
    }
    const digits = raw.length > 1 && raw.charCodeAt(0) === 48 ? raw.replace(LEADING_ZEROS, '') : raw;
    if (digits.length > UINT64_MAX.length || (digits.length === UINT64_MAX.length && digits > UINT64_MAX)) {
      fail(`${parentPath}.${field}`, `${describe(raw)} is out of range for a 64-bit unsigned integer`);
    }
    return digits;
  }
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw < 0) {
      fail(`${parentPath}.${field}`, `expected a non-negative integer number of nanoseconds, got ${describe(raw)}`);
    }
    if (Number.isSafeInteger(raw)) return String(raw);
    if (raw >= 2 ** 64) fail(`${parentPath}.${field}`, `${describe(raw)} is out of range for a 64-bit unsigned integer`);
    warnings.add(
      'nanosecond timestamps given as JSON numbers may have lost precision',
      `${parentPath}.${field}: a JSON number above 2^53 may have lost precision when parsed; OTLP/JSON writes 64-bit integers as strings`,
    );
    return BigInt(raw).toString();
  }
  if (raw === undefined) fail(`${parentPath}.${field}`, 'missing: expected a decimal string of nanoseconds since the Unix epoch');
  fail(`${parentPath}.${field}`, `expected a decimal string of nanoseconds, got ${describe(raw)}`);
}

/** uint32 counters (`dropped*Count`). */
function readCount(raw: unknown, parentPath: string, field: string): number {
  if (raw === undefined) return 0;
  const value = typeof raw === 'string' && UNSIGNED_DIGITS.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    fail(`${parentPath}.${field}`, `expected a non-negative integer count, got ${describe(raw)}`);
  }
  return value;
}

function readAttributes(raw: unknown, path: string, warnings: Warnings): Attributes {
  const attributes: Attributes = {};
  if (raw === undefined) return attributes;
  if (!Array.isArray(raw)) fail(path, `expected an array of {"key": ..., "value": {...}}, got ${describe(raw)}`);
  for (let i = 0; i < raw.length; i++) {
    const entry = raw[i];
    if (!isObject(entry)) fail(`${path}[${i}]`, `expected {"key": ..., "value": {...}}, got ${describe(entry)}`);
    const key = get(entry, 'key');
    if (typeof key !== 'string') fail(`${path}[${i}].key`, `expected a string, got ${describe(key)}`);
    const valuePath = `${path}[${i}].value`;
    const value = readAttributeValue(get(entry, 'value'), valuePath, warnings);
    if (value === undefined) {
      warnings.add('attributes without a value were skipped', `${valuePath}: attribute ${JSON.stringify(key)} has no value; skipped`);
      continue;
    }
    if (Object.hasOwn(attributes, key)) {
      warnings.add('duplicate attribute keys (the last one is kept)', `${path}[${i}].key: duplicate key ${JSON.stringify(key)}; the last value is kept`);
    }
    setOwn(attributes, key, value);
  }
  return attributes;
}

/**
 * AnyValue as an attribute value. Scalars and homogeneous scalar arrays map directly; what an
 * attribute value cannot hold (kvlist, bytes, nested or mixed arrays) becomes a string, with a warning.
 */
function readAttributeValue(raw: unknown, path: string, warnings: Warnings): AttributeValue | undefined {
  const value = readAnyValue(raw, path, path, 0, warnings);
  if (value === null) return undefined;
  if (typeof value !== 'object') return value;
  if (value instanceof KvList) {
    warnings.add('kvlistValue attributes rendered as JSON text', `${path}: kvlistValue rendered as JSON text`);
    return renderPlain(value);
  }
  return arrayAttribute(value, path, warnings);
}

function arrayAttribute(items: Plain[], path: string, warnings: Warnings): AttributeValue {
  let kind: 'string' | 'number' | 'boolean' | undefined;
  let uniform = true;
  for (const item of items) {
    if (item === null) continue;
    const t = typeof item;
    if (t !== 'string' && t !== 'number' && t !== 'boolean') {
      uniform = false;
      break;
    }
    if (kind === undefined) kind = t;
    else if (kind !== t) {
      uniform = false;
      break;
    }
  }
  // Checked element by element above; the cast restates homogeneity for the type system.
  if (uniform) return items as AttributeValue;
  warnings.add(
    'arrays with mixed or nested values rendered as strings',
    `${path}: array with mixed or nested values; its elements were rendered as strings`,
  );
  return items.map((item) => (item === null ? null : typeof item === 'string' ? item : renderPlain(item)));
}

/** kvlistValue contents, kept apart from arrays so they can be told apart when rendering. */
class KvList {
  readonly entries: Array<[string, Plain]>;
  constructor(entries: Array<[string, Plain]>) {
    this.entries = entries;
  }
}

/** AnyValue decoded to plain JS: null is the empty AnyValue. */
type Plain = string | number | boolean | null | Plain[] | KvList;

/**
 * Recursive, but only as deep as MAX_ANY_VALUE_DEPTH: a hostile or broken document cannot
 * overflow the stack, and the error names the attribute rather than a 33-level path.
 */
function readAnyValue(raw: unknown, path: string, attributePath: string, depth: number, warnings: Warnings): Plain {
  if (!isObject(raw)) fail(path, `expected an AnyValue object like {"stringValue": "..."}, got ${describe(raw)}`);
  let field: ValueField | undefined;
  let value: unknown;
  for (const key of Object.keys(raw)) {
    const known = VALUE_FIELDS.get(key);
    const candidate = raw[key];
    // null is JSON's way of saying "not set" for a proto field.
    if (known === undefined || candidate === null || candidate === undefined) continue;
    if (field !== undefined) fail(path, `expected exactly one value field, got both "${field}" and "${known}"`);
    field = known;
    value = candidate;
  }

  switch (field) {
    case undefined:
      return null;
    case 'stringValue':
      if (typeof value !== 'string') fail(`${path}.stringValue`, `expected a string, got ${describe(value)}`);
      return value;
    case 'boolValue':
      if (typeof value !== 'boolean') fail(`${path}.boolValue`, `expected true or false, got ${describe(value)}`);
      return value;
    case 'intValue':
      return readInt(value, path, warnings);
    case 'doubleValue':
      return readDouble(value, path);
    case 'bytesValue':
      if (typeof value !== 'string') fail(`${path}.bytesValue`, `expected a base64 string, got ${describe(value)}`);
      warnings.add('bytesValue kept as base64 text', `${path}: bytesValue kept as its base64 text`);
      return value;
    case 'arrayValue':
    case 'kvlistValue': {
      if (depth >= MAX_ANY_VALUE_DEPTH) {
        fail(attributePath, `arrayValue/kvlistValue nested more than ${MAX_ANY_VALUE_DEPTH} levels deep`);
      }
      const listPath = `${path}.${field}`;
      if (!isObject(value)) fail(listPath, `expected an object like {"values": [...]}, got ${describe(value)}`);
      const values = get(value, 'values');
      if (values === undefined) return field === 'arrayValue' ? [] : new KvList([]);
      if (!Array.isArray(values)) fail(`${listPath}.values`, `expected an array, got ${describe(values)}`);
      if (field === 'arrayValue') {
        const items: Plain[] = [];
        for (let i = 0; i < values.length; i++) {
          items.push(readAnyValue(values[i], `${listPath}.values[${i}]`, attributePath, depth + 1, warnings));
        }
        return items;
      }
      const entries: Array<[string, Plain]> = [];
      for (let i = 0; i < values.length; i++) {
        const entryPath = `${listPath}.values[${i}]`;
        const entry = values[i];
        if (!isObject(entry)) fail(entryPath, `expected {"key": ..., "value": {...}}, got ${describe(entry)}`);
        const key = get(entry, 'key');
        if (typeof key !== 'string') fail(`${entryPath}.key`, `expected a string, got ${describe(key)}`);
        entries.push([key, readAnyValue(get(entry, 'value') ?? {}, `${entryPath}.value`, attributePath, depth + 1, warnings)]);
      }
      return new KvList(entries);
    }
  }
}

/** int64: a decimal string (the spec) or a JSON number (what the JS SDK writes). */
function readInt(raw: unknown, path: string, warnings: Warnings): number {
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw)) fail(`${path}.intValue`, `expected an integer, got ${describe(raw)}`);
    return raw;
  }
  if (typeof raw !== 'string' || !SIGNED_DIGITS.test(raw)) {
    fail(`${path}.intValue`, `expected an integer (a decimal string or number), got ${describe(raw)}`);
  }
  const value = Number(raw);
  if (Number.isSafeInteger(value)) return value;
  // Only unsafe values pay for BigInt: it tells "out of int64" from "rounded" from "exact anyway".
  const exact = BigInt(raw);
  if (exact < INT64_MIN || exact > INT64_MAX) fail(`${path}.intValue`, `${describe(raw)} is out of range for a 64-bit integer`);
  if (BigInt(value) !== exact) {
    warnings.add(
      'integers beyond 2^53 rounded to the nearest JavaScript number',
      `${path}.intValue: ${raw} does not fit a JavaScript number exactly; rounded to ${BigInt(value).toString()}`,
    );
  }
  return value;
}

function readDouble(raw: unknown, path: string): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string') {
    if (raw === 'NaN') return Number.NaN;
    if (raw === 'Infinity') return Number.POSITIVE_INFINITY;
    if (raw === '-Infinity') return Number.NEGATIVE_INFINITY;
    if (DECIMAL_NUMBER.test(raw)) return Number(raw);
  }
  fail(`${path}.doubleValue`, `expected a number (or "NaN", "Infinity", "-Infinity"), got ${describe(raw)}`);
}

/** JSON text for values an attribute cannot hold; bounded by MAX_ANY_VALUE_DEPTH like the reader. */
function renderPlain(value: Plain): string {
  return JSON.stringify(toJsonValue(value));
}

function toJsonValue(value: Plain): unknown {
  if (value instanceof KvList) {
    const object: JsonObject = {};
    for (const [key, item] of value.entries) setOwn(object, key, toJsonValue(item));
    return object;
  }
  if (Array.isArray(value)) return value.map(toJsonValue);
  // JSON.stringify would print NaN and Infinity as null; keep them recognisable.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

/* ============================================================================================
 * Text: parseOtlpJson
 * ========================================================================================== */

/**
 * `JSON.parse` + `fromOtlpJson`. Syntax errors are located by this module's own scanner, not by
 * parsing the engine's message: V8, SpiderMonkey and JavaScriptCore word (and place) them differently.
 */
export function parseOtlpJson(text: string): OtlpImportResult {
  // A byte order mark is not JSON whitespace, but editors on Windows like to add one.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let document: unknown;
  try {
    document = JSON.parse(source);
  } catch (error) {
    const problem = findJsonSyntaxError(source);
    if (problem === undefined) {
      // The scanner found nothing the engine did: report the engine's words rather than guess a place.
      throw new OtlpImportError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`, { path: '' });
    }
    throw new OtlpImportError(problem.reason, lineAndColumn(source, problem.offset));
  }
  return fromOtlpJson(document);
}

interface JsonSyntaxProblem {
  offset: number;
  reason: string;
}

class JsonSyntaxFailure {
  readonly problem: JsonSyntaxProblem;
  constructor(problem: JsonSyntaxProblem) {
    this.problem = problem;
  }
}

/**
 * Finds the first syntax error in `text`, or undefined if it is valid JSON. Iterative with an
 * explicit stack, so deeply nested input cannot overflow; only runs after `JSON.parse` failed.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  try {
    scanJson(text);
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxFailure) return error.problem;
    throw error;
  }
}

function scanJson(text: string): void {
  const problem = (offset: number, reason: string): never => {
    throw new JsonSyntaxFailure({ offset, reason });
  };
  const n = text.length;
  if (text.trim() === '') problem(0, 'the input is empty');

  const closers: number[] = []; // char codes of the brackets still open: } or ]
  let expect: 'value' | 'key' | 'after' = 'value';
  let afterComma = false;
  let i = 0;

  while (true) {
    while (i < n && isJsonWhitespace(text.charCodeAt(i))) i++;
    const c = i < n ? text.charCodeAt(i) : -1;

    if (expect === 'value') {
      if (c === -1) problem(i, 'unexpected end of input; expected a value');
      if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        const closer = c === 0x7b ? 0x7d : 0x5d;
        i++;
        while (i < n && isJsonWhitespace(text.charCodeAt(i))) i++;
        if (text.charCodeAt(i) === closer) {
          i++;
          expect = 'after';
        } else {
          closers.push(closer);
          expect = c === 0x7b ? 'key' : 'value';
        }
        afterComma = false;
        continue;
      }
      if (c === 0x22 /* " */) i = scanString(text, i, problem);
      else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) i = scanNumber(text, i, problem);
      else if (text.startsWith('true', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (text.startsWith('null', i)) i += 4;
      else if (afterComma && (c === 0x5d || c === 0x7d)) problem(i, `unexpected '${text[i]}' after ',' (JSON does not allow trailing commas)`);
      else if (c === 0x27 /* ' */) problem(i, 'strings need double quotes in JSON');
      else problem(i, `unexpected ${showToken(text, i)}; expected a value`);
      expect = 'after';
      afterComma = false;
      continue;
    }

    if (expect === 'key') {
      if (c === -1) problem(i, 'unexpected end of input; expected a property name');
      if (c !== 0x22) {
        if (c === 0x7d && afterComma) problem(i, "unexpected '}' after ',' (JSON does not allow trailing commas)");
        if (c === 0x27) problem(i, 'property names need double quotes in JSON');
        problem(i, `expected a property name in double quotes, got ${showToken(text, i)}`);
      }
      i = scanString(text, i, problem);
      while (i < n && isJsonWhitespace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== 0x3a /* : */) {
        problem(i, `expected ':' after the property name, got ${i < n ? showToken(text, i) : 'end of input'}`);
      }
      i++;
      expect = 'value';
      afterComma = false;
      continue;
    }

    // expect === 'after': a value just ended
    const closer = closers[closers.length - 1];
    if (closer === undefined) {
      if (c !== -1) problem(i, `unexpected ${showToken(text, i)} after the end of the JSON value`);
      return;
    }
    const inObject = closer === 0x7d;
    if (c === 0x2c /* , */) {
      i++;
      expect = inObject ? 'key' : 'value';
      afterComma = true;
    } else if (c === closer) {
      i++;
      closers.pop();
    } else if (c === -1) {
      problem(i, `unexpected end of input; expected ',' or '${inObject ? '}' : ']'}'`);
    } else {
      problem(i, `expected ',' or '${inObject ? '}' : ']'}' after ${inObject ? 'a property value' : 'an array element'}, got ${showToken(text, i)}`);
    }
  }
}

const FOUR_HEX = /^[0-9a-fA-F]{4}$/;
const WORD_CHAR = /[A-Za-z0-9_$]/;

function scanString(text: string, start: number, problem: (offset: number, reason: string) => never): number {
  let i = start + 1;
  while (true) {
    if (i >= text.length) problem(start, 'unterminated string');
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c /* \ */) {
      const e = text[i + 1];
      if (e === 'u') {
        if (!FOUR_HEX.test(text.slice(i + 2, i + 6))) problem(i, 'invalid \\u escape; expected 4 hex digits');
        i += 6;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
        i += 2;
      } else {
        problem(i, `invalid escape ${JSON.stringify(`\\${e ?? ''}`)} in a string`);
      }
      continue;
    }
    if (c < 0x20) problem(i, c === 0x0a ? 'line break inside a string (missing closing quote?)' : 'unescaped control character inside a string');
    i++;
  }
}

function scanNumber(text: string, start: number, problem: (offset: number, reason: string) => never): number {
  const isDigit = (at: number): boolean => {
    const c = text.charCodeAt(at);
    return c >= 0x30 && c <= 0x39;
  };
  let i = start;
  if (text[i] === '-') i++;
  if (!isDigit(i)) problem(i, "expected a digit after '-'");
  if (text[i] === '0') {
    i++;
    if (isDigit(i)) problem(start, 'numbers cannot have leading zeros in JSON');
  } else {
    while (isDigit(i)) i++;
  }
  if (text[i] === '.') {
    i++;
    if (!isDigit(i)) problem(i, "expected a digit after '.'");
    while (isDigit(i)) i++;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    if (!isDigit(i)) problem(i, 'expected a digit in the exponent');
    while (isDigit(i)) i++;
  }
  return i;
}

function isJsonWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** The word or character at `i`, for messages: `undefined`, `'}'`. */
function showToken(text: string, i: number): string {
  let end = i;
  while (end < text.length && end - i < 20 && WORD_CHAR.test(text[end] ?? '')) end++;
  if (end > i) return text.slice(i, end);
  const char = text[i] ?? '';
  return text.charCodeAt(i) < 0x20 ? JSON.stringify(char) : `'${char}'`;
}

/** 1-based line and column (in UTF-16 code units) of `offset`. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/* ============================================================================================
 * Small helpers
 * ========================================================================================== */

function fail(path: string, reason: string): never {
  throw new OtlpImportError(reason, { path });
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field by its lowerCamelCase name or, leniently, its proto snake_case name; null counts as absent. */
function get(object: JsonObject, name: string, snakeName?: string): unknown {
  const value = object[name];
  if (value !== undefined && value !== null) return value;
  if (snakeName === undefined) return undefined;
  const snake = object[snakeName];
  return snake === null ? undefined : snake;
}

function optionalString(value: unknown, parentPath: string, field: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  fail(`${parentPath}.${field}`, `expected a string, got ${describe(value)}`);
}

/** `__proto__` as an attribute key must become a property, not replace the object's prototype. */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

function toSnakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function compareDecimal(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A value as it appears in the input, short enough for one line of an error message. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array (${value.length} items)`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

function otherSignalHint(input: JsonObject): string {
  if ('resourceMetrics' in input || 'resource_metrics' in input) return ' (this looks like an OTLP metrics export, not traces)';
  if ('resourceLogs' in input || 'resource_logs' in input) return ' (this looks like an OTLP logs export, not traces)';
  return '; an OTLP/JSON trace export looks like {"resourceSpans": [...]}';
}
