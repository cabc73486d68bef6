/**
 * What the Jaeger and Zipkin readers share: the span record types (imported here only, so the
 * readers do not care where records live), ids, microsecond times, and the tags that OpenTelemetry's
 * Jaeger and Zipkin exporters use to carry what those formats have no field for (kind, status, scope).
 */
import type { AttributeValue, Attributes, SpanKindName, SpanRecord, StatusCodeName } from '../../../sandboxes/wire/span-record.ts';
import { describe, fail, setOwn } from '../otlp-import/reading.ts';

export type { AttributeValue, Attributes, SpanEventRecord, SpanKindName, SpanLinkRecord, SpanRecord } from '../../../sandboxes/wire/span-record.ts';
export { describe, fail, get, isObject, optionalString, setOwn, Warnings, type JsonObject } from '../otlp-import/reading.ts';

const HEX = /^[0-9a-fA-F]+$/;
const UNSIGNED_DIGITS = /^[0-9]+$/;

/**
 * A hex id padded to `length`: Jaeger and Zipkin write 64-bit trace ids as 16 characters (and
 * Jaeger drops leading zeros), while span records always hold 32 and 16.
 */
export function readHexId(raw: unknown, length: 16 | 32, path: string): string {
  if (raw === undefined) fail(path, `missing: expected a hex id of up to ${length} characters`);
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > length || !HEX.test(raw)) {
    fail(path, `expected a hex id of up to ${length} characters, got ${describe(raw)}`);
  }
  const id = raw.toLowerCase().padStart(length, '0');
  if (/^0+$/.test(id)) fail(path, 'an all-zero id is invalid');
  return id;
}

/** Microseconds since the epoch (a JSON number, or a decimal string) as decimal nanoseconds. */
export function microsToNanos(raw: unknown, path: string, what: string): string {
  if (raw === undefined) fail(path, `missing: expected ${what} in microseconds`);
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw) || raw < 0) fail(path, `expected a non-negative integer number of microseconds, got ${describe(raw)}`);
    return raw === 0 ? '0' : `${raw}000`;
  }
  if (typeof raw === 'string' && UNSIGNED_DIGITS.test(raw)) {
    const digits = raw.replace(/^0+(?=[0-9])/, '');
    return digits === '0' ? '0' : `${digits}000`;
  }
  fail(path, `expected ${what} as an integer number of microseconds, got ${describe(raw)}`);
}

/** start + duration, both decimal nanoseconds. */
export function addNanos(start: string, duration: string): string {
  return (BigInt(start) + BigInt(duration)).toString();
}

const KIND_BY_TAG = new Map<string, SpanKindName>([
  ['client', 'CLIENT'],
  ['server', 'SERVER'],
  ['producer', 'PRODUCER'],
  ['consumer', 'CONSUMER'],
  ['internal', 'INTERNAL'],
]);

export function kindFromName(value: unknown): SpanKindName | undefined {
  return typeof value === 'string' ? KIND_BY_TAG.get(value.toLowerCase()) : undefined;
}

/**
 * Tags that stand for span fields, as OpenTelemetry's Jaeger and Zipkin exporters write them:
 * they become the record's kind, status and scope and leave the attributes.
 */
export interface SpanFieldTags {
  kind: SpanKindName | undefined;
  status: SpanRecord['status'];
  scope: SpanRecord['scope'];
}

/**
 * Takes the span-field tags out of `attributes`. `errorTag` tells how to read the `error` tag:
 * Jaeger writes a boolean `true`, Zipkin writes the error message (or an empty string).
 */
export function takeSpanFieldTags(attributes: Attributes, errorTag: 'boolean' | 'message'): SpanFieldTags {
  const take = (key: string): AttributeValue | undefined => {
    if (!Object.hasOwn(attributes, key)) return undefined;
    const value = attributes[key];
    delete attributes[key];
    return value;
  };
  const kind = kindFromName(take('span.kind'));

  const statusCode = take('otel.status_code');
  const statusMessage = take('otel.status_description') ?? take('otel.status_message');
  const error = take('error');
  let code: StatusCodeName = 'UNSET';
  let message: string | undefined = typeof statusMessage === 'string' && statusMessage !== '' ? statusMessage : undefined;
  const named = typeof statusCode === 'string' ? statusCode.toUpperCase() : undefined;
  if (named === 'ERROR' || named === 'OK') code = named;
  if (error !== undefined) {
    if (errorTag === 'boolean') {
      if (error === true || error === 'true') code = named === 'OK' ? code : 'ERROR';
      else if (error !== false && error !== 'false') setOwn(attributes, 'error', error);
    } else if (named !== 'OK') {
      code = 'ERROR';
      // Zipkin's error tag holds the message; OpenTelemetry's Zipkin exporter writes it there too.
      if (message === undefined && typeof error === 'string' && error !== '' && error !== 'true') message = error;
    }
  }

  const scopeName = take('otel.scope.name') ?? take('otel.library.name');
  const scopeVersion = take('otel.scope.version') ?? take('otel.library.version');
  const scope: SpanRecord['scope'] = { name: typeof scopeName === 'string' ? scopeName : '' };
  if (typeof scopeVersion === 'string' && scopeVersion !== '') scope.version = scopeVersion;

  return { kind, status: message === undefined ? { code } : { code, message }, scope };
}
