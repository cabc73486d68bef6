import { check, defineChecks, exporterRequest, header, is, otlpDifference, type CheckContext } from '#checks';

/** Requests sandbox services received (`extras.requests`). */
const requests = is.array(is.object({ service: is.string, method: is.string, path: is.string, headers: is.record(is.string), body: is.string }));

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const mapList = (v: unknown, fn: (item: unknown) => unknown): unknown => (Array.isArray(v) ? v.map(fn) : v);
const pick = (v: unknown, keys: readonly string[]): unknown => (isObject(v) ? Object.fromEntries(keys.filter((k) => k in v).map((k) => [k, v[k]])) : v);

/**
 * The part of a body one check looks at: the resource, the scopes, or some fields of each span.
 * Both bodies are cut the same way, so each check reports the first difference in its own part.
 */
function part(body: unknown, { resource = false, scope = false, span = [] as readonly string[] }): unknown {
  if (!isObject(body)) return body;
  const spans = (ss: unknown) => (isObject(ss) ? { ...(scope ? { scope: ss.scope } : {}), spans: mapList(ss.spans, (s) => pick(s, span)) } : ss);
  const withScopes = scope || span.length > 0;
  return {
    resourceSpans: mapList(body.resourceSpans, (rs) =>
      isObject(rs) ? { ...(resource ? { resource: rs.resource } : {}), ...(withScopes ? { scopeSpans: mapList(rs.scopeSpans, spans) } : {}) } : rs,
    ),
  };
}

/** The one export at /v1/traces and the body the OTLP/HTTP exporter sends for the same spans. */
function bodies(t: CheckContext): { sent: unknown; expected: unknown } {
  const received = t.extra('requests', requests).filter((r) => r.service === 'collector' && r.path === '/v1/traces');
  t.assert(
    received.length > 0,
    'The collector received no export. Did `toExportRequest` throw? The exporter prints the error in the output when it does.',
  );
  t.assert(received.length === 1, `The collector received ${received.length} exports; the scenario sends all spans in one.`);
  const request = received[0]!;
  t.assert(header(request.headers, 'content-type') === 'application/json', 'The export was not sent as `application/json`.');
  let sent: unknown;
  try {
    sent = JSON.parse(request.body);
  } catch {
    t.fail('The body of the export is not JSON.');
  }
  // In the order they ended, as the batch processor queued them.
  const ended = t.run.spans.filter((s) => s.resource['service.name'] === 'shop-api');
  t.assert(ended.length > 0, 'shop-api recorded no spans.');
  return { sent, expected: exporterRequest(ended) };
}

/** Passes when the two bodies agree on `which`; else fails with the first differing path. */
function same(t: CheckContext, which: Parameters<typeof part>[1], advice: string) {
  const { sent, expected } = bodies(t);
  const difference = otlpDifference(part(sent, which), part(expected, which));
  t.assert(difference === undefined, `${difference}. ${advice}`);
}

const SPAN_IDS = ['traceId', 'spanId', 'parentSpanId', 'name', 'kind'] as const;

export default defineChecks([
  check('`resourceSpans[].resource` carries shop-api’s resource attributes', (t) => {
    same(t, { resource: true }, 'One `resourceSpans` entry per resource; `resource.attributes` lists `span.resource.attributes` as `{ key, value: { stringValue } }`.');
  }),
  check('`scopeSpans` has one entry per tracer, named with its version', (t) => {
    same(t, { scope: true, span: ['name'] }, 'Group the spans of one resource by `span.instrumentationScope` (name and version), keeping the order the spans came in.');
  }),
  check('Each span has its hex ids, parent, name and kind as a number', (t) => {
    same(t, { span: SPAN_IDS }, 'Ids come from `span.spanContext()` and `span.parentSpanContext?.spanId`; OTLP numbers kinds from 1 (INTERNAL) to 5 (CONSUMER): the API’s `SpanKind` plus one.');
  }),
  check('Start and end times are exact unix nanoseconds, written as strings', (t) => {
    same(t, { span: ['startTimeUnixNano', 'endTimeUnixNano'] }, 'A `HrTime` is `[seconds, nanoseconds]`: combine them with BigInt and write the result as a decimal string.');
  }),
  check('Attributes and events carry typed values', (t) => {
    same(t, { span: ['attributes', 'events'] }, 'A value is `{ stringValue }`, `{ boolValue }`, `{ intValue }` for integers, `{ doubleValue }` for other numbers, or `{ arrayValue: { values } }`.');
  }),
  check('Statuses are OTLP status codes, with the error message', (t) => {
    same(t, { span: ['status'] }, '`status` is `{ code, message }`: 0 UNSET, 1 OK, 2 ERROR, the same numbers as the API’s `SpanStatusCode`.');
  }),
  check('The whole body reads as what @opentelemetry/exporter-trace-otlp-http sends', (t) => {
    const { sent, expected } = bodies(t);
    const difference = otlpDifference(sent, expected);
    t.assert(difference === undefined, `${difference}.`);
  }),
]);
