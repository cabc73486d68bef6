/**
 * Reads an OTLP/JSON `ExportTraceServiceRequest` (after `JSON.parse`) into span records: resources,
 * scopes, spans, events, links, ids, times, kinds and statuses. Attribute values are read by
 * `attributes.ts`.
 */
import type { Attributes, SpanEventRecord, SpanKindName, SpanLinkRecord, SpanRecord, StatusCodeName } from '../../../sandboxes/wire/span-record.ts';
import { SpanKindName as SPAN_KIND_NAMES } from '../../../sandboxes/wire/span-record.ts';
import { readAttributes } from './attributes.ts';
import { compareDecimal, describe, fail, get, isObject, optionalString, Warnings, type JsonObject } from './reading.ts';

export interface OtlpImportResult {
  records: SpanRecord[];
  /** Data that was readable but not kept exactly (kvlist rendered as text, rounded integers...). */
  warnings: string[];
}

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const UNSIGNED_DIGITS = /^[0-9]+$/;
const LEADING_ZEROS = /^0+(?=[0-9])/;
const UINT64_MAX = '18446744073709551615';
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

/** An optional list of objects at `${spanPath}.${field}`, each read by `read` with its own path. */
function readObjects<T>(raw: unknown, spanPath: string, field: string, what: string, read: (item: JsonObject, path: string) => T): T[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) fail(`${spanPath}.${field}`, `expected an array, got ${describe(raw)}`);
  return raw.map((item: unknown, i) => {
    const path = `${spanPath}.${field}[${i}]`;
    if (!isObject(item)) fail(path, `expected ${what} object, got ${describe(item)}`);
    return read(item, path);
  });
}

function readEvents(raw: unknown, spanPath: string, warnings: Warnings): SpanEventRecord[] {
  return readObjects(raw, spanPath, 'events', 'an event', (event, path) => ({
    name: optionalString(get(event, 'name'), path, 'name') ?? '',
    timeUnixNano: readUnixNano(get(event, 'timeUnixNano', 'time_unix_nano'), path, 'timeUnixNano', warnings),
    attributes: readAttributes(get(event, 'attributes'), `${path}.attributes`, warnings),
  }));
}

function readLinks(raw: unknown, spanPath: string, warnings: Warnings): SpanLinkRecord[] {
  return readObjects(raw, spanPath, 'links', 'a link', (link, path) => {
    const record: SpanLinkRecord = {
      traceId: readId(get(link, 'traceId', 'trace_id'), 32, path, 'traceId'),
      spanId: readId(get(link, 'spanId', 'span_id'), 16, path, 'spanId'),
      attributes: readAttributes(get(link, 'attributes'), `${path}.attributes`, warnings),
    };
    const traceState = optionalString(get(link, 'traceState', 'trace_state'), path, 'traceState');
    if (traceState) record.traceState = traceState;
    return record;
  });
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

function otherSignalHint(input: JsonObject): string {
  if ('resourceMetrics' in input || 'resource_metrics' in input) return ' (this looks like an OTLP metrics export, not traces)';
  if ('resourceLogs' in input || 'resource_logs' in input) return ' (this looks like an OTLP logs export, not traces)';
  return '; an OTLP/JSON trace export looks like {"resourceSpans": [...]}';
}
