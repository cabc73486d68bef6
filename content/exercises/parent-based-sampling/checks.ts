import { check, defineChecks, header, is, parseTraceparent, type CheckContext, type Traceparent } from '#checks';

/** Requests sandbox services received (`extras.requests`). */
const requests = is.array(is.object({ service: is.string, method: is.string, path: is.string, headers: is.record(is.string), body: is.string }));

/** The scenario's requests without a traceparent: each starts a new trace. */
const NEW_TRACES = 400;

/** The traceparents of the requests the api-gateway sent to checkout-api. */
function fromGateway({ extra }: CheckContext): Traceparent[] {
  const gateway: Traceparent[] = [];
  for (const request of extra('requests', requests).filter((r) => r.service === 'checkout-api')) {
    const parsed = parseTraceparent(header(request.headers, 'traceparent'));
    if (parsed.valid) gateway.push(parsed.traceparent);
  }
  return gateway;
}

const short = (id: string) => `${id.slice(0, 8)}…`;

export default defineChecks([
  check('About 25% of new traces are kept', (t) => {
    t.samplingRatio({ expected: 0.25, total: NEW_TRACES, kept: t.spans({ name: 'GET /products', root: true }).length });
  }),
  check('A kept request keeps its query, and no query is kept without its request', ({ spans }) => {
    spans('SELECT products').each((query) => query.isChildOf('GET /products'));
    spans('GET /products').each((request) => request.hasChild('SELECT products'));
  }),
  check('Every request the gateway sampled (flags 01) is recorded', (t) => {
    const sampled = fromGateway(t).filter((tp) => tp.sampled);
    t.assert(sampled.length > 0, 'checkout-api received no sampled requests from the api-gateway; the scenario should send 12.');
    const missing = sampled.filter((tp) => !t.run.spans.some((s) => s.name === 'GET /products' && s.traceId === tp.traceId && s.parentSpanId === tp.parentId));
    t.assert(
      missing.length === 0,
      `The api-gateway sent ${sampled.length} requests whose traceparent says sampled (flags \`01\`), but checkout-api recorded ${missing.length === sampled.length ? 'none of them' : `only ${sampled.length - missing.length} of them`} (for example, no \`GET /products\` span in trace ${short(missing[0]?.traceId ?? '')}). The gateway keeps these traces, so checkout-api must keep its part too: a parent-based sampler follows the caller's sampled flag.`,
    );
  }),
  check('No request the gateway dropped (flags 00) is recorded', (t) => {
    const dropped = fromGateway(t).filter((tp) => !tp.sampled);
    t.assert(dropped.length > 0, 'checkout-api received no unsampled requests from the api-gateway; the scenario should send 12.');
    const recorded = dropped.filter((tp) => t.run.spans.some((s) => s.traceId === tp.traceId));
    t.assert(
      recorded.length === 0,
      `The api-gateway dropped ${dropped.length} traces (traceparent flags \`00\`), but checkout-api recorded spans for ${recorded.length === dropped.length ? `all ${recorded.length}` : recorded.length} of them (the first in trace ${short(recorded[0]?.traceId ?? '')}). Their parent never reaches the backend, so they show up as fragments with a missing root. Follow the caller's decision: wrap the ratio sampler in \`ParentBasedSampler\`.`,
    );
  }),
]);
