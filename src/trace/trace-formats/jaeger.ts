/**
 * Jaeger JSON -> span records: the query API's `/api/traces` response and Jaeger UI's downloaded
 * file (`{"data": [{"traceID", "spans": [...], "processes": {...}}]}`), a bare list of such traces,
 * or one trace. Field names follow Jaeger's `model/json` (traceID, spanID, operationName,
 * references, startTime and duration in microseconds, tags, logs, processID).
 *
 * Mapping, as OpenTelemetry's Jaeger translator does it: the process becomes the resource
 * (`serviceName` -> `service.name`, its tags the other attributes); the first CHILD_OF reference
 * is the parent (a FOLLOWS_FROM one when there is no CHILD_OF, as Jaeger UI draws it) and the
 * other references become links; logs become events named by their `event` field; the tags
 * `span.kind`, `otel.status_code`, `otel.status_description`, `error` and `otel.scope.*` become
 * the kind, status and scope.
 */
import {
  addNanos,
  describe,
  fail,
  get,
  isObject,
  microsToNanos,
  readHexId,
  setOwn,
  takeSpanFieldTags,
  Warnings,
  type AttributeValue,
  type Attributes,
  type JsonObject,
  type SpanEventRecord,
  type SpanLinkRecord,
  type SpanRecord,
} from './common.ts';

export interface ForeignImportResult {
  records: SpanRecord[];
  warnings: string[];
}

/** Does this parsed document look like Jaeger JSON? Cheap: looks at the shape, not every span. */
export function looksLikeJaeger(input: unknown): boolean {
  if (isObject(input)) {
    if (Array.isArray(input['data']) || input['data'] === null) return true;
    return Array.isArray(input['spans']) && ('traceID' in input || 'processes' in input);
  }
  if (Array.isArray(input) && isObject(input[0])) return Array.isArray(input[0]['spans']);
  return false;
}

export function fromJaegerJson(input: unknown): ForeignImportResult {
  const warnings = new Warnings();
  const records: SpanRecord[] = [];
  let traces: unknown[];
  let path: (i: number) => string;
  if (isObject(input) && 'data' in input) {
    const data = input['data'];
    if (data === null || data === undefined) fail('data', `the Jaeger query returned no traces${queryErrors(input)}`);
    if (!Array.isArray(data)) fail('data', `expected an array of traces, got ${describe(data)}`);
    traces = data;
    path = (i) => `data[${i}]`;
  } else if (Array.isArray(input)) {
    traces = input;
    path = (i) => `[${i}]`;
  } else {
    traces = [input];
    path = () => '';
  }
  for (let i = 0; i < traces.length; i++) readTrace(traces[i], path(i), records, warnings);
  return { records, warnings: warnings.finish() };
}

function queryErrors(input: JsonObject): string {
  const errors = input['errors'];
  if (!Array.isArray(errors) || errors.length === 0) return '';
  const messages = errors.map((e) => (isObject(e) && typeof e['msg'] === 'string' ? e['msg'] : JSON.stringify(e)));
  return `: ${messages.join('; ')}`;
}

const join = (path: string, field: string) => (path ? `${path}.${field}` : field);

function readTrace(raw: unknown, path: string, records: SpanRecord[], warnings: Warnings): void {
  if (!isObject(raw)) fail(path, `expected a trace object like {"traceID": ..., "spans": [...], "processes": {...}}, got ${describe(raw)}`);
  const processesPath = join(path, 'processes');
  const rawProcesses = get(raw, 'processes');
  if (rawProcesses !== undefined && !isObject(rawProcesses)) fail(processesPath, `expected an object of processes by id, got ${describe(rawProcesses)}`);
  const resources = new Map<string, Attributes>();
  const resourceOf = (processId: string, spanPath: string): Attributes => {
    let resource = resources.get(processId);
    if (resource) return resource;
    const process = rawProcesses && Object.hasOwn(rawProcesses, processId) ? rawProcesses[processId] : undefined;
    if (process === undefined) {
      const known = rawProcesses ? Object.keys(rawProcesses).map((id) => JSON.stringify(id)).join(', ') : '';
      fail(`${spanPath}.processID`, `${JSON.stringify(processId)} is not in ${processesPath}${known ? ` (it has ${known})` : ' (there is none)'}`);
    }
    resource = readProcess(process, `${processesPath}.${processId}`, warnings);
    resources.set(processId, resource);
    return resource;
  };

  const spans = get(raw, 'spans');
  const spansPath = join(path, 'spans');
  if (spans === undefined) fail(spansPath, 'missing: expected an array of spans');
  if (!Array.isArray(spans)) fail(spansPath, `expected an array of spans, got ${describe(spans)}`);
  for (let i = 0; i < spans.length; i++) records.push(readSpan(spans[i], `${spansPath}[${i}]`, resourceOf, warnings));
}

function readProcess(raw: unknown, path: string, warnings: Warnings): Attributes {
  if (!isObject(raw)) fail(path, `expected a process like {"serviceName": ..., "tags": [...]}, got ${describe(raw)}`);
  const serviceName = get(raw, 'serviceName');
  if (typeof serviceName !== 'string') fail(`${path}.serviceName`, `expected a string, got ${describe(serviceName)}`);
  const resource = readTags(get(raw, 'tags'), `${path}.tags`, warnings);
  setOwn(resource, 'service.name', serviceName);
  return resource;
}

function readSpan(raw: unknown, path: string, resourceOf: (processId: string, spanPath: string) => Attributes, warnings: Warnings): SpanRecord {
  if (!isObject(raw)) fail(path, `expected a span object, got ${describe(raw)}`);
  const traceId = readHexId(get(raw, 'traceID'), 32, `${path}.traceID`);
  const spanId = readHexId(get(raw, 'spanID'), 16, `${path}.spanID`);
  const name = get(raw, 'operationName');
  if (typeof name !== 'string') fail(`${path}.operationName`, `expected a string, got ${describe(name)}`);
  const start = microsToNanos(get(raw, 'startTime'), `${path}.startTime`, 'a start time');
  const duration = microsToNanos(get(raw, 'duration'), `${path}.duration`, 'a duration');

  let resource: Attributes;
  const embedded = get(raw, 'process');
  if (embedded !== undefined) resource = readProcess(embedded, `${path}.process`, warnings);
  else {
    const processId = get(raw, 'processID');
    if (typeof processId !== 'string') fail(`${path}.processID`, `expected the id of a process in "processes", got ${describe(processId)}`);
    resource = resourceOf(processId, path);
  }

  const attributes = readTags(get(raw, 'tags'), `${path}.tags`, warnings);
  const { kind, status, scope } = takeSpanFieldTags(attributes, 'boolean');
  const { parentSpanId, links } = readReferences(raw, path, traceId);

  const record: SpanRecord = {
    traceId,
    spanId,
    name,
    kind: kind ?? 'INTERNAL',
    startTimeUnixNano: start,
    endTimeUnixNano: addNanos(start, duration),
    attributes,
    events: readLogs(get(raw, 'logs'), `${path}.logs`, warnings),
    links,
    status,
    resource,
    scope,
  };
  if (parentSpanId !== undefined) record.parentSpanId = parentSpanId;
  return record;
}

function readReferences(raw: JsonObject, path: string, traceId: string): { parentSpanId: string | undefined; links: SpanLinkRecord[] } {
  const references = get(raw, 'references');
  const refs: Array<{ type: 'CHILD_OF' | 'FOLLOWS_FROM'; traceId: string; spanId: string }> = [];
  if (references !== undefined) {
    if (!Array.isArray(references)) fail(`${path}.references`, `expected an array of references, got ${describe(references)}`);
    for (let i = 0; i < references.length; i++) {
      const refPath = `${path}.references[${i}]`;
      const ref = references[i];
      if (!isObject(ref)) fail(refPath, `expected a reference like {"refType": "CHILD_OF", "traceID": ..., "spanID": ...}, got ${describe(ref)}`);
      const type = get(ref, 'refType');
      if (type !== 'CHILD_OF' && type !== 'FOLLOWS_FROM') fail(`${refPath}.refType`, `expected "CHILD_OF" or "FOLLOWS_FROM", got ${describe(type)}`);
      const refTrace = get(ref, 'traceID');
      refs.push({
        type,
        // Older Jaeger writers leave the reference's trace id out when it is the span's own.
        traceId: refTrace === undefined ? traceId : readHexId(refTrace, 32, `${refPath}.traceID`),
        spanId: readHexId(get(ref, 'spanID'), 16, `${refPath}.spanID`),
      });
    }
  }
  // Old Jaeger clients wrote the parent as a field of its own.
  const oldParent = get(raw, 'parentSpanID');
  if (oldParent !== undefined && oldParent !== '0' && !/^0+$/.test(String(oldParent))) {
    refs.unshift({ type: 'CHILD_OF', traceId, spanId: readHexId(oldParent, 16, `${path}.parentSpanID`) });
  }
  const sameTrace = (ref: (typeof refs)[number]) => ref.traceId === traceId;
  const parent = refs.find((ref) => ref.type === 'CHILD_OF' && sameTrace(ref)) ?? refs.find((ref) => ref.type === 'FOLLOWS_FROM' && sameTrace(ref));
  const links: SpanLinkRecord[] = [];
  for (const ref of refs) {
    if (ref === parent || (parent && ref.spanId === parent.spanId && ref.traceId === parent.traceId)) continue;
    links.push({ traceId: ref.traceId, spanId: ref.spanId, attributes: { 'opentracing.ref_type': ref.type === 'CHILD_OF' ? 'child_of' : 'follows_from' } });
  }
  return { parentSpanId: parent?.spanId, links };
}

function readLogs(raw: unknown, path: string, warnings: Warnings): SpanEventRecord[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) fail(path, `expected an array of logs, got ${describe(raw)}`);
  const events: SpanEventRecord[] = [];
  for (let i = 0; i < raw.length; i++) {
    const logPath = `${path}[${i}]`;
    const log = raw[i];
    if (!isObject(log)) fail(logPath, `expected a log like {"timestamp": ..., "fields": [...]}, got ${describe(log)}`);
    const timeUnixNano = microsToNanos(get(log, 'timestamp'), `${logPath}.timestamp`, 'a timestamp');
    const attributes = readTags(get(log, 'fields'), `${logPath}.fields`, warnings);
    let name = 'log';
    if (typeof attributes['event'] === 'string') {
      name = attributes['event'];
      delete attributes['event'];
    }
    events.push({ name, timeUnixNano, attributes });
  }
  return events;
}

/** Jaeger's typed key-values: `{"key": ..., "type": "string" | "bool" | "int64" | "float64" | "binary", "value": ...}`. */
function readTags(raw: unknown, path: string, warnings: Warnings): Attributes {
  const attributes: Attributes = {};
  if (raw === undefined) return attributes;
  if (!Array.isArray(raw)) fail(path, `expected an array of {"key": ..., "type": ..., "value": ...}, got ${describe(raw)}`);
  for (let i = 0; i < raw.length; i++) {
    const tagPath = `${path}[${i}]`;
    const tag = raw[i];
    if (!isObject(tag)) fail(tagPath, `expected {"key": ..., "type": ..., "value": ...}, got ${describe(tag)}`);
    const key = get(tag, 'key');
    if (typeof key !== 'string') fail(`${tagPath}.key`, `expected a string, got ${describe(key)}`);
    setOwn(attributes, key, readTagValue(tag, tagPath, warnings));
  }
  return attributes;
}

function readTagValue(tag: JsonObject, path: string, warnings: Warnings): AttributeValue {
  const type = get(tag, 'type');
  const value = tag['value'];
  const wrong = (expected: string): never => fail(`${path}.value`, `expected ${expected} for type ${JSON.stringify(type)}, got ${describe(value)}`);
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : wrong('a string');
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return wrong('true or false');
    case 'int64':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      if (typeof value === 'string' && /^-?[0-9]+$/.test(value)) {
        const number = Number(value);
        if (!Number.isSafeInteger(number)) warnings.add('integers beyond 2^53 rounded', `${path}.value: ${value} rounded to ${number}`);
        return number;
      }
      return wrong('an integer');
    case 'float64':
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
      return wrong('a number');
    case 'binary':
      if (typeof value !== 'string') return wrong('base64 text');
      warnings.add('binary tags kept as base64 text', `${path}.value: binary tag kept as its base64 text`);
      return value;
    case undefined:
      // Hand-written files often leave the type out: take the JSON value as it is.
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
      return fail(`${path}.value`, `expected a string, number or boolean, got ${describe(value)}`);
    default:
      return fail(`${path}.type`, `expected "string", "bool", "int64", "float64" or "binary", got ${describe(type)}`);
  }
}
