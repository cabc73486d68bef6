import { check, defineChecks, header, is, type CheckContext } from '#checks';

const requests = is.array(is.object({ service: is.string, method: is.string, path: is.string, headers: is.record(is.string), body: is.string }));

interface Export {
  /** `service.name` of each resource in the export. */
  services: unknown[];
  spans: Array<{ spanId: string; name: string }>;
}

const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined);
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The spans and services of an OTLP/JSON body (resourceSpans > scopeSpans > spans); undefined if it is not one. */
function parseExport(body: string): Export | undefined {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return undefined;
  }
  const resourceSpans = field(data, 'resourceSpans');
  if (!Array.isArray(resourceSpans)) return undefined;
  const result: Export = { services: [], spans: [] };
  for (const rs of resourceSpans) {
    const serviceName = items(field(field(rs, 'resource'), 'attributes')).find((a) => field(a, 'key') === 'service.name');
    result.services.push(field(field(serviceName, 'value'), 'stringValue'));
    for (const ss of items(field(rs, 'scopeSpans'))) {
      for (const s of items(field(ss, 'spans'))) result.spans.push({ spanId: String(field(s, 'spanId') ?? '').toLowerCase(), name: String(field(s, 'name') ?? '') });
    }
  }
  return result;
}

const FLUSH = 'Flush the queued spans before `main()` returns; the provider can do it for all its processors.';

/**
 * When the exporter started exports that never reached the collector: the flush began but the
 * program did not wait for it, so it ended with the request still in flight. Undefined otherwise.
 */
function unawaitedFlush({ extra }: CheckContext): string | undefined {
  const started = extra('observations', is.record(is.unknown))['exports started'];
  const received = extra('requests', requests).filter((r) => r.service === 'collector').length;
  if (typeof started !== 'number' || started <= received) return undefined;
  return `The exporter started ${started === 1 ? 'an export' : `${started} exports`}, but ${received === 0 ? 'no request' : `only ${received} of them`} reached the collector before the program ended: the flush was started and not awaited (\`provider.shutdown()\` or \`forceFlush()\` without \`await\`, or in a callback nobody waits for), so the program ended with the request still in flight. \`await\` the flush before \`main()\` returns.`;
}

const pendingOrders = (t: CheckContext) => t.input('pending orders', ['ord_1042', 'ord_1043', 'ord_1044']);
const listed = (ids: readonly unknown[]) => (ids.length ? ids.map(String).join(', ') : 'none');

export default defineChecks([
  check('The collector received an OTLP/JSON export', (t) => {
    const { extra, spans, assert } = t;
    const posts = extra('requests', requests).filter((r) => r.service === 'collector');
    const inFlight = unawaitedFlush(t);
    assert(posts.length > 0 || inFlight === undefined, inFlight ?? '');
    const ended = spans().records;
    const starts = ended.map((s) => BigInt(s.startTimeUnixNano));
    const ends = ended.map((s) => BigInt(s.endTimeUnixNano ?? s.startTimeUnixNano));
    const ranFor = ended.length ? Number(ends.reduce((a, b) => (b > a ? b : a)) - starts.reduce((a, b) => (b < a ? b : a))) / 1e6 : 0;
    assert(
      posts.length > 0,
      `The collector received nothing. The BatchSpanProcessor queues ended spans and exports them every 5 seconds; this job was done after ${Math.round(ranFor)} ms, and the ${ended.length} spans still queued were lost with the process. ${FLUSH}`,
    );
    for (const r of posts) {
      assert(r.method === 'POST' && r.path === '/v1/traces', `The collector received \`${r.method} ${r.path}\`; exports go to \`POST /v1/traces\`.`);
      assert(header(r.headers, 'content-type') === 'application/json', 'An export reached the collector without `content-type: application/json`.');
      assert(parseExport(r.body) !== undefined, 'An export reached the collector, but its body is not OTLP/JSON (an object with `resourceSpans`).');
    }
  }),
  check('Every span the job ended reached the collector', (t) => {
    const { extra, spans, assert } = t;
    const exports = extra('requests', requests)
      .filter((r) => r.service === 'collector')
      .map((r) => parseExport(r.body)?.spans ?? []);
    const exported = new Set(exports.flat().map((s) => s.spanId));
    const ended = spans().atLeast(1).records;
    const missing = ended.filter((s) => !exported.has(s.spanId));
    const names = [...new Set(missing.map((s) => `\`${s.name}\``))].join(' and ');
    const onePerRequest = exports.length > 1 && exports.every((e) => e.length === 1);
    const inFlight = unawaitedFlush(t);
    assert(missing.length === 0 || inFlight === undefined, `${missing.length} of the ${ended.length} spans never reached the collector. ${inFlight}`);
    assert(
      missing.length === 0,
      exported.size === 0
        ? `None of the ${ended.length} spans reached the collector. ${FLUSH}`
        : onePerRequest
          ? `${missing.length} of the ${ended.length} spans never reached the collector: ${names}. Each export that arrived carries a single span, as a SimpleSpanProcessor sends them, and its requests still in flight when the program ends are lost. Keep the BatchSpanProcessor and flush it once the last span has ended.`
          : `${missing.length} of the ${ended.length} spans never reached the collector: ${names}. A span that ends after the flush stays in the queue: flush once the last span has ended (after the \`send receipts\` span, not inside it).`,
    );
  }),
  check('Each `send receipt` is a child of `send receipts`', ({ spans }) => {
    spans('send receipt').atLeast(1).each((s) => s.isChildOf('send receipts'));
  }),
  check('Every pending order gets its receipt, in its own `send receipt` span', (t) => {
    const pending = pendingOrders(t);
    // What sendReceipt really did, reported by receipts.ts (a program cannot report it).
    const sent = t.extra('observations', is.record(is.unknown))['receipts sent'];
    const sentIds = Array.isArray(sent) ? sent : [];
    t.assert(
      sentIds.length === pending.length && pending.every((id) => sentIds.includes(id)),
      `The job sent receipts for ${listed(sentIds)}, but the pending orders were ${listed(pending)}: send one receipt for each order \`pendingOrders()\` returns.`,
    );
    for (const id of pending) t.span({ name: 'send receipt', attributes: { 'order.id': id } });
  }),
  check('The export names the service `checkout-service`', (t) => {
    const { extra, assert } = t;
    const exports = extra('requests', requests).filter((r) => r.service === 'collector').map((r) => parseExport(r.body));
    assert(exports.length > 0, `No export reached the collector, so no service name either. ${unawaitedFlush(t) ?? FLUSH}`);
    for (const e of exports) {
      for (const service of e?.services ?? []) {
        assert(
          service === 'checkout-service',
          `The export should carry the resource attribute \`service.name\` = "checkout-service", but it has ${service === undefined ? 'none' : JSON.stringify(service)}. Keep the provider’s resource.`,
        );
      }
    }
  }),
  check('The spans went out in a batch, not one request per span', (t) => {
    const { extra, assert } = t;
    const exports = extra('requests', requests)
      .filter((r) => r.service === 'collector')
      .map((r) => parseExport(r.body)?.spans ?? []);
    assert(exports.length > 0, `No export reached the collector yet. ${unawaitedFlush(t) ?? FLUSH}`);
    assert(
      exports.some((spansInExport) => spansInExport.length > 1),
      `The collector received ${exports.length === 1 ? 'one request' : `${exports.length} requests`} with a single span in each: one request per span, as a SimpleSpanProcessor sends them. Keep the BatchSpanProcessor, which sends many spans in one request, and flush it when the job ends.`,
    );
  }),
]);
