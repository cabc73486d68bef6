/**
 * Zipkin v2 JSON -> span records: the body of `POST /api/v2/spans` or `GET /api/v2/trace/{id}`
 * (an array of spans) and of `GET /api/v2/traces` (an array of such arrays). Field names follow
 * zipkin-api's `zipkin2-api.yaml`: traceId, id, parentId, name, kind, timestamp and duration in
 * microseconds, localEndpoint, remoteEndpoint, annotations, tags, shared.
 *
 * Mapping, as OpenTelemetry's Zipkin receiver does it: `localEndpoint.serviceName` becomes the
 * resource's `service.name`; a span without `kind` is INTERNAL; annotations become events; the
 * remote endpoint becomes `peer.service`, `network.peer.address` and `network.peer.port`; the
 * tags `otel.status_code`, `otel.status_description`, `error` and `otel.scope.*` become the status
 * and scope.
 */
import {
  addNanos,
  describe,
  fail,
  get,
  isObject,
  kindFromName,
  microsToNanos,
  readHexId,
  setOwn,
  takeSpanFieldTags,
  Warnings,
  type Attributes,
  type JsonObject,
  type SpanEventRecord,
  type SpanRecord,
} from './common.ts';
import type { ForeignImportResult } from './jaeger.ts';

/** Does this parsed document look like Zipkin v2? An array whose first span has `traceId` and `id`. */
export function looksLikeZipkin(input: unknown): boolean {
  if (!Array.isArray(input)) return false;
  const first = Array.isArray(input[0]) ? input[0][0] : input[0];
  return input.length === 0 || (Array.isArray(input[0]) && input[0].length === 0) || (isObject(first) && 'traceId' in first && 'id' in first);
}

export function fromZipkinJson(input: unknown): ForeignImportResult {
  if (!Array.isArray(input)) fail('', `expected a Zipkin v2 array of spans like [{"traceId": ..., "id": ..., "name": ...}], got ${describe(input)}`);
  const warnings = new Warnings();
  const records: SpanRecord[] = [];
  const resources = new Map<string, Attributes>();
  const nested = input.length > 0 && Array.isArray(input[0]);
  for (let i = 0; i < input.length; i++) {
    if (!nested) {
      records.push(readSpan(input[i], `[${i}]`, resources, warnings));
      continue;
    }
    const trace = input[i];
    if (!Array.isArray(trace)) fail(`[${i}]`, `expected an array of spans (this file is a list of traces), got ${describe(trace)}`);
    for (let j = 0; j < trace.length; j++) records.push(readSpan(trace[j], `[${i}][${j}]`, resources, warnings));
  }
  splitSharedSpans(records, warnings);
  return { records, warnings: warnings.finish() };
}

const ZIPKIN_KINDS = new Set(['CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER']);

interface ZipkinRecord extends SpanRecord {
  /** The server half of an RPC that reused the client's span id (Zipkin's B3 "shared" span). */
  shared?: boolean;
}

function readSpan(raw: unknown, path: string, resources: Map<string, Attributes>, warnings: Warnings): ZipkinRecord {
  if (!isObject(raw)) fail(path, `expected a span object, got ${describe(raw)}`);
  const traceId = readHexId(get(raw, 'traceId'), 32, `${path}.traceId`);
  const spanId = readHexId(get(raw, 'id'), 16, `${path}.id`);
  const rawParent = get(raw, 'parentId');
  const name = get(raw, 'name') ?? '';
  if (typeof name !== 'string') fail(`${path}.name`, `expected a string, got ${describe(name)}`);

  const rawKind = get(raw, 'kind');
  if (rawKind !== undefined && (typeof rawKind !== 'string' || !ZIPKIN_KINDS.has(rawKind))) {
    fail(`${path}.kind`, `expected "CLIENT", "SERVER", "PRODUCER" or "CONSUMER" (or no kind for a local span), got ${describe(rawKind)}`);
  }

  const annotations = readAnnotations(get(raw, 'annotations'), `${path}.annotations`);
  let rawTimestamp = get(raw, 'timestamp');
  if (rawTimestamp === undefined) {
    // The spec allows a span without a timestamp when it is incomplete: its first annotation stands in.
    if (annotations.length === 0) fail(`${path}.timestamp`, 'missing: expected the start time in microseconds since the epoch');
    warnings.add('spans without a timestamp', `${path}.timestamp: missing; the first annotation's time is used`);
    rawTimestamp = Number(BigInt(annotations[0]!.timeUnixNano) / 1000n);
  }
  const start = microsToNanos(rawTimestamp, `${path}.timestamp`, 'the start time');
  const rawDuration = get(raw, 'duration');
  const end = rawDuration === undefined ? undefined : addNanos(start, microsToNanos(rawDuration, `${path}.duration`, 'the duration'));

  const attributes = readTags(get(raw, 'tags'), `${path}.tags`);
  const { kind: tagKind, status, scope } = takeSpanFieldTags(attributes, 'message');
  addRemoteEndpoint(get(raw, 'remoteEndpoint'), `${path}.remoteEndpoint`, attributes);

  const record: ZipkinRecord = {
    traceId,
    spanId,
    name,
    kind: kindFromName(rawKind) ?? tagKind ?? 'INTERNAL',
    startTimeUnixNano: start,
    ...(end === undefined ? {} : { endTimeUnixNano: end }),
    attributes,
    events: annotations,
    links: [],
    status,
    resource: readLocalEndpoint(get(raw, 'localEndpoint'), `${path}.localEndpoint`, resources),
    scope,
  };
  if (rawParent !== undefined) record.parentSpanId = readHexId(rawParent, 16, `${path}.parentId`);
  const shared = get(raw, 'shared');
  if (shared !== undefined && typeof shared !== 'boolean') fail(`${path}.shared`, `expected true or false, got ${describe(shared)}`);
  if (shared) record.shared = true;
  return record;
}

function readLocalEndpoint(raw: unknown, path: string, resources: Map<string, Attributes>): Attributes {
  let serviceName = '';
  if (raw !== undefined) {
    if (!isObject(raw)) fail(path, `expected an endpoint like {"serviceName": ..., "ipv4": ...}, got ${describe(raw)}`);
    const name = get(raw, 'serviceName');
    if (name !== undefined && typeof name !== 'string') fail(`${path}.serviceName`, `expected a string, got ${describe(name)}`);
    serviceName = name ?? '';
  }
  let resource = resources.get(serviceName);
  if (!resource) {
    resource = serviceName ? { 'service.name': serviceName } : {};
    resources.set(serviceName, resource);
  }
  return resource;
}

function addRemoteEndpoint(raw: unknown, path: string, attributes: Attributes): void {
  if (raw === undefined) return;
  if (!isObject(raw)) fail(path, `expected an endpoint like {"serviceName": ..., "ipv4": ..., "port": ...}, got ${describe(raw)}`);
  const add = (key: string, value: unknown, field: string, type: 'string' | 'number') => {
    if (value === undefined) return;
    if (typeof value !== type) fail(`${path}.${field}`, `expected a ${type}, got ${describe(value)}`);
    if (!Object.hasOwn(attributes, key)) setOwn(attributes, key, value);
  };
  add('peer.service', get(raw, 'serviceName'), 'serviceName', 'string');
  add('network.peer.address', get(raw, 'ipv4') ?? get(raw, 'ipv6'), get(raw, 'ipv4') === undefined ? 'ipv6' : 'ipv4', 'string');
  add('network.peer.port', get(raw, 'port'), 'port', 'number');
}

function readAnnotations(raw: unknown, path: string): SpanEventRecord[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) fail(path, `expected an array of {"timestamp": ..., "value": ...}, got ${describe(raw)}`);
  const events: SpanEventRecord[] = [];
  for (let i = 0; i < raw.length; i++) {
    const annotationPath = `${path}[${i}]`;
    const annotation = raw[i];
    if (!isObject(annotation)) fail(annotationPath, `expected {"timestamp": ..., "value": ...}, got ${describe(annotation)}`);
    const value = get(annotation, 'value');
    if (typeof value !== 'string') fail(`${annotationPath}.value`, `expected a string, got ${describe(value)}`);
    events.push({ name: value, timeUnixNano: microsToNanos(get(annotation, 'timestamp'), `${annotationPath}.timestamp`, 'a timestamp'), attributes: {} });
  }
  return events;
}

/** Zipkin tags are a string map; numbers and booleans from lenient writers are kept as they are. */
function readTags(raw: unknown, path: string): Attributes {
  const attributes: Attributes = {};
  if (raw === undefined) return attributes;
  if (!isObject(raw)) fail(path, `expected an object of string tags like {"http.method": "GET"}, got ${describe(raw)}`);
  for (const [key, value] of Object.entries(raw as JsonObject)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      // Tag keys have dots of their own: bracketed, the path stays readable.
      fail(`${path}[${JSON.stringify(key)}]`, `expected a string, got ${describe(value)}`);
    }
    setOwn(attributes, key, value);
  }
  return attributes;
}

/**
 * A shared span has the same id as the client span that called it. Span records need one id per
 * span, so the server half gets an id of its own (derived from the shared one) and the client
 * span as its parent: the tree then shows client -> server like an OpenTelemetry trace.
 */
function splitSharedSpans(records: ZipkinRecord[], warnings: Warnings): void {
  const unshared = new Set<string>();
  for (const record of records) if (!record.shared) unshared.add(`${record.traceId}/${record.spanId}`);
  for (const record of records) {
    if (!record.shared) continue;
    delete record.shared;
    if (!unshared.has(`${record.traceId}/${record.spanId}`)) continue;
    const sharedId = record.spanId;
    record.parentSpanId = sharedId;
    record.spanId = (BigInt(`0x${sharedId}`) ^ 0x5e5e5e5e5e5e5e5en).toString(16).padStart(16, '0');
    warnings.add('shared span ids split', `span ${JSON.stringify(record.name)} shares id ${sharedId} with its client span; it was given the id ${record.spanId}`);
  }
}
