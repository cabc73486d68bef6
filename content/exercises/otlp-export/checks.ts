import { check, defineChecks, header, is, type CheckContext } from '#checks';

/** Requests sandbox services received (`extras.requests`). */
const requests = is.array(is.object({ service: is.string, method: is.string, path: is.string, headers: is.record(is.string), body: is.string }));

interface ExportedSpan {
  traceId: string;
  spanId: string;
  name: string;
}
interface Export {
  spans: ExportedSpan[];
  /** `service.name` of each resourceSpans entry (undefined when absent). */
  services: Array<string | undefined>;
}

/** The requests the collector received at /v1/traces. */
function exports({ extra, assert }: CheckContext) {
  const toCollector = extra('requests', requests).filter((r) => r.service === 'collector');
  assert(
    toCollector.length > 0,
    'The collector received no request. `export()` should send the spans with `fetch` (from `@course/sandbox`) to `${baseUrl}/v1/traces`.',
  );
  const atTraces = toCollector.filter((r) => r.path === '/v1/traces');
  const paths = [...new Set(toCollector.map((r) => `\`${r.method} ${r.path.slice(0, 60)}\``))].join(', ');
  assert(atTraces.length > 0, `The collector received ${paths}, but nothing at \`/v1/traces\`: append \`/v1/traces\` to the base URL.`);
  return atTraces;
}

const isHex = (text: unknown, length: number): text is string => typeof text === 'string' && text.length === length && /^[0-9a-fA-F]+$/.test(text);
const asArray = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
const field = (v: unknown, key: string): unknown => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined);

/** Parses one body as an ExportTraceServiceRequest; fails with the first thing that is wrong, by its path. */
function parseExport(body: string, { fail }: CheckContext): Export {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return fail(`The body of an export is not JSON (it starts ${JSON.stringify(body.slice(0, 40))}). Send \`otlpJson(spans)\` as the body.`);
  }
  const resourceSpans = asArray(field(json, 'resourceSpans'));
  if (!resourceSpans) return fail('The body of an export has no `resourceSpans` array, so it is not an ExportTraceServiceRequest. Send `otlpJson(spans)` as the body.');
  const result: Export = { spans: [], services: [] };
  for (const [i, rs] of resourceSpans.entries()) {
    const attributes = asArray(field(field(rs, 'resource'), 'attributes')) ?? [];
    const service = field(field(attributes.find((a) => field(a, 'key') === 'service.name'), 'value'), 'stringValue');
    result.services.push(typeof service === 'string' ? service : undefined);
    const scopeSpans = asArray(field(rs, 'scopeSpans'));
    if (!scopeSpans) return fail(`\`resourceSpans[${i}]\` of an export has no \`scopeSpans\` array.`);
    for (const [j, ss] of scopeSpans.entries()) {
      const spans = asArray(field(ss, 'spans'));
      if (!spans) return fail(`\`resourceSpans[${i}].scopeSpans[${j}]\` of an export has no \`spans\` array.`);
      for (const [k, span] of spans.entries()) {
        const where = `\`resourceSpans[${i}].scopeSpans[${j}].spans[${k}]\``;
        const traceId = field(span, 'traceId');
        const spanId = field(span, 'spanId');
        const name = field(span, 'name');
        if (!isHex(traceId, 32)) return fail(`${where} has no \`traceId\` of 32 hex digits (OTLP/JSON writes ids as hex, not base64).`);
        if (!isHex(spanId, 16)) return fail(`${where} has no \`spanId\` of 16 hex digits (OTLP/JSON writes ids as hex, not base64).`);
        if (typeof name !== 'string') return fail(`${where} has no \`name\`.`);
        result.spans.push({ traceId: traceId.toLowerCase(), spanId: spanId.toLowerCase(), name });
      }
    }
  }
  return result;
}

/** What the scenario printed for each direct call of export(): `export to <url>: SUCCESS`. */
function reported({ output }: CheckContext): Map<string, string> {
  const results = new Map<string, string>();
  for (const line of output.lines) {
    const match = /^export to (\S+): (.+)$/.exec(line);
    if (match) results.set(match[1]!, match[2]!);
  }
  return results;
}

export default defineChecks([
  check('The exporter POSTs JSON to the collector at /v1/traces', (t) => {
    for (const request of exports(t)) {
      t.assert(request.method === 'POST', `The export to \`/v1/traces\` was sent with \`${request.method}\`; OTLP/HTTP uses \`POST\`.`);
      const type = header(request.headers, 'content-type');
      t.assert(
        type !== undefined && /^application\/json\b/i.test(type),
        `The export to \`/v1/traces\` was sent with ${type === undefined ? 'no content-type header' : `content-type ${JSON.stringify(type.slice(0, 60))}`}; OTLP/JSON needs \`content-type: application/json\`.`,
      );
    }
  }),
  check('The collector receives an ExportTraceServiceRequest with every span', (t) => {
    const exported = exports(t).flatMap((r) => parseExport(r.body, t).spans);
    const ids = new Set(exported.map((s) => `${s.traceId}/${s.spanId}`));
    const shop = t.spans({ service: 'shop-api' }).atLeast(1).records;
    const missing = shop.filter((s) => !ids.has(`${s.traceId}/${s.spanId}`));
    t.assert(
      missing.length === 0,
      `The collector never received ${missing.map((s) => `\`${s.name}\``).join(', ')} (it received ${exported.length} span${exported.length === 1 ? '' : 's'}). Every span that ends goes to \`export()\`: send all of \`spans\`.`,
    );
  }),
  check('The export says which service sent the spans (`service.name`)', (t) => {
    const services = exports(t).flatMap((r) => parseExport(r.body, t).services);
    t.assert(services.length > 0, 'The exports to `/v1/traces` have no `resourceSpans`.');
    const at = services.findIndex((s) => s !== 'shop-api');
    const wrong = services[at];
    t.assert(
      at < 0,
      `Each \`resourceSpans\` entry should carry the resource attribute \`service.name\` = "shop-api", but one has ${wrong === undefined ? 'none' : JSON.stringify(wrong)}. \`otlpJson(spans)\` writes each span's resource: send it unchanged.`,
    );
  }),
  check('The exporter reports SUCCESS when the collector accepts the spans', (t) => {
    const result = reported(t).get('http://collector.sandbox:4318');
    t.assert(result !== undefined, 'The scenario did not print the result of its export to the collector: did it stop with an error?');
    t.assert(
      result === 'SUCCESS',
      `Exporting with the base URL http://collector.sandbox:4318 reported ${result}, but the collector answers 200 to a \`POST\` at \`/v1/traces\`. Check the URL, and call \`resultCallback({ code: ExportResultCode.SUCCESS })\` when the response is 2xx.`,
    );
  }),
  check('The exporter reports FAILED when the receiver answers 404 or 503', (t) => {
    const results = reported(t);
    for (const [url, status] of [
      ['http://collector.sandbox:4318/otlp', '404'],
      ['http://backend-down.sandbox', '503'],
    ] as const) {
      const result = results.get(url);
      t.assert(result !== undefined, `The scenario did not print the result of its export to ${url}: did it stop with an error?`);
      t.assert(
        result === 'FAILED',
        `Exporting to ${url}, which answers ${status}, reported ${result}. Report \`ExportResultCode.FAILED\` for any response that is not 2xx (\`response.ok\` is false), so that the SDK knows the spans were lost.`,
      );
    }
  }),
]);
