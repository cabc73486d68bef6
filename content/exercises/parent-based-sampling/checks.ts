import { check, defineChecks, header, is, parseTraceparent, ratioSamplerKeeps, type CheckContext, type Traceparent } from '#checks';

/** Requests sandbox services received (`extras.requests`). */
const requests = is.array(is.object({ service: is.string, method: is.string, path: is.string, headers: is.record(is.string), body: is.string }));

/** The scenario's requests without a traceparent (each starts a new trace), in this run. */
const newTraces = ({ input }: CheckContext) => input('browser requests', 400);
const RATIO = 0.25;

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
    const roots = t.spans({ name: 'GET /products', root: true }).records;
    t.samplingRatio({ expected: RATIO, total: newTraces(t), kept: roots.length });
    const odd = roots.filter((s) => !ratioSamplerKeeps(s.traceId, RATIO));
    t.assert(
      odd.length === 0,
      `${odd.length} of the ${roots.length} new traces kept (trace ${short(odd[0]?.traceId ?? '')}, for example) are ones a \`TraceIdRatioBasedSampler(${RATIO})\` drops: the decision did not come from the trace id. Use \`TraceIdRatioBasedSampler\` as the root sampler, not a counter or \`Math.random()\`, so that every service that sees the trace id decides the same way.`,
    );
  }),
  check('A kept request keeps its query, and no query is kept without its request', ({ spans }) => {
    spans('SELECT products').each((query) => query.isChildOf('GET /products'));
    spans('GET /products').each((request) => request.hasChild('SELECT products'));
  }),
  check('Every request the gateway sampled (flags 01) is recorded', (t) => {
    const all = fromGateway(t);
    const sampled = all.filter((tp) => tp.sampled);
    t.assert(sampled.length > 0, 'checkout-api received no sampled requests from the api-gateway; the scenario should send some.');
    const isRecorded = (tp: Traceparent) => t.run.spans.some((s) => s.name === 'GET /products' && s.traceId === tp.traceId && s.parentSpanId === tp.parentId);
    const missing = sampled.filter((tp) => !isRecorded(tp));
    const recorded = all.filter(isRecorded).length;
    // A sampler that keeps a fixed share or pattern of the gateway's requests keeps some it dropped too.
    const whatever = recorded > sampled.length - missing.length
      ? ` It recorded ${recorded} of the gateway's ${all.length} requests, some of them ones the gateway dropped: the decision did not follow each request's own flags.`
      : '';
    t.assert(
      missing.length === 0,
      `The api-gateway sent ${sampled.length} requests whose traceparent says sampled (flags \`01\`), but checkout-api recorded ${missing.length === sampled.length ? 'none of them' : `only ${sampled.length - missing.length} of them`} (for example, no \`GET /products\` span in trace ${short(missing[0]?.traceId ?? '')}).${whatever} The gateway keeps these traces, so checkout-api must keep its part too: a parent-based sampler follows the caller's sampled flag.`,
    );
  }),
  check('No request the gateway dropped (flags 00) is recorded', (t) => {
    const dropped = fromGateway(t).filter((tp) => !tp.sampled);
    t.assert(dropped.length > 0, 'checkout-api received no unsampled requests from the api-gateway; the scenario should send some.');
    const recorded = dropped.filter((tp) => t.run.spans.some((s) => s.traceId === tp.traceId));
    // A bare ratio sampler keeps exactly the dropped traces its trace-id rule keeps; keeping one it
    // would drop means a sampler keeps them whatever the id: \`remoteParentNotSampled\` set to AlwaysOn.
    const beyondRatio = recorded.some((tp) => !ratioSamplerKeeps(tp.traceId, RATIO));
    const byRatio = dropped.filter((tp) => ratioSamplerKeeps(tp.traceId, RATIO));
    const exactlyRatio = !beyondRatio && recorded.length === byRatio.length;
    const cause = beyondRatio && recorded.length === dropped.length
      ? 'Some of them are traces the ratio sampler would drop, so the sampler keeps a dropped caller\'s traces whatever the ratio: \`remoteParentNotSampled\` is set to keep them (AlwaysOnSampler), or the sampler is AlwaysOn. Leave \`remoteParentNotSampled\` at its default, \`AlwaysOffSampler\`, so that a trace the caller dropped stays dropped.'
      : exactlyRatio
        ? 'These are exactly the traces the ratio sampler keeps by their trace id, so the ratio sampler decided them, ignoring the caller: wrap it in \`ParentBasedSampler({ root: ... })\`, which follows the caller\'s sampled flag.'
        : 'It kept some of them and not others, and not by the trace id either: the decision did not come from each request\'s flags (a counter or a fixed pattern?). A parent-based sampler drops every request whose traceparent says not sampled: leave \`remoteParentNotSampled\` and \`remoteParentSampled\` at their defaults.';
    t.assert(
      recorded.length === 0,
      `The api-gateway dropped ${dropped.length} traces (traceparent flags \`00\`), but checkout-api recorded spans for ${recorded.length === dropped.length ? `all ${recorded.length}` : recorded.length} of them (the first in trace ${short(recorded[0]?.traceId ?? '')}). Their parent never reaches the backend, so they show up as fragments with a missing root. ${cause}`,
    );
  }),
]);
