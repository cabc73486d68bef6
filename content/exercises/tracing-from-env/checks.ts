import { check, defineChecks, header, is, parseTraceparent, type CheckContext } from '#checks';

const requests = is.array(is.object({ service: is.string, method: is.string, path: is.string, headers: is.record(is.string), body: is.string }));

/** What each deployment's environment says (see scenario.ts), and where its collector listens. */
const DEPLOYMENTS = [
  {
    order: 'ord_1042',
    service: 'checkout-service',
    resource: { 'service.version': '1.4.0', 'deployment.environment.name': 'staging' },
    receiver: 'collector',
    path: '/v1/traces',
    endpoint: 'http://collector.sandbox:4318',
  },
  {
    order: 'ord_1043',
    service: 'checkout-eu',
    resource: { 'service.version': '1.5.0', 'deployment.environment.name': 'production', 'cloud.region': 'eu-west-1' },
    receiver: 'gateway',
    path: '/otlp/v1/traces',
    endpoint: 'http://gateway.sandbox/otlp',
  },
] as const;
type Deployment = (typeof DEPLOYMENTS)[number];

const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined);
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The span ids in an OTLP/JSON body (resourceSpans > scopeSpans > spans), lowercased. */
function exportedIds(body: string): string[] {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return [];
  }
  return items(field(data, 'resourceSpans')).flatMap((rs) =>
    items(field(rs, 'scopeSpans')).flatMap((ss) => items(field(ss, 'spans')).map((s) => String(field(s, 'spanId') ?? '').toLowerCase())),
  );
}

/**
 * The spans one deployment recorded. Spans arrive in the order they ended, and each deployment
 * ends before the next starts: its spans are those that ended after the previous checkout's
 * `POST /checkout` and up to its own (even when, without a context manager, each is a trace of
 * its own).
 */
function spansOf(t: CheckContext, d: Deployment) {
  const ends = DEPLOYMENTS.map((x) => t.run.spans.findIndex((s) => s.name === 'POST /checkout' && s.attributes['order.id'] === x.order));
  const at = DEPLOYMENTS.indexOf(d);
  t.assert(ends[at]! >= 0, `Deployment ${d.service} recorded no \`POST /checkout\` span for ${d.order}. Does \`startTracing()\` register its tracer provider?`);
  const from = at === 0 ? 0 : ends[at - 1]! + 1;
  return { root: t.run.spans[ends[at]!]!, spans: t.run.spans.slice(from, ends[at]! + 1) };
}

/** Exports a receiver got: all requests, and those at the right path. */
function receivedBy(t: CheckContext, receiver: string) {
  return t.extra('requests', requests).filter((r) => r.service === receiver);
}

/** Why the spans of `d` went to `wrong`, a request at another receiver or path than its own. */
function wrongEndpoint(d: Deployment, wrong: { service: string; method: string; path: string }): string {
  const sent = `\`${wrong.method} ${wrong.path}\``;
  if (wrong.service !== d.receiver) {
    return `The spans of ${d.service} went to \`${wrong.service}\` (${sent}), but its OTEL_EXPORTER_OTLP_ENDPOINT is ${d.endpoint}. The exporter's URL is fixed in the code: leave \`url\` out, and the exporter takes OTEL_EXPORTER_OTLP_ENDPOINT and appends \`/v1/traces\`.`;
  }
  const basePath = new URL(d.endpoint).pathname.replace(/\/+$/, '');
  if (basePath !== '' && wrong.path === '/v1/traces') {
    return `The spans of ${d.service} were sent to ${sent} of ${d.receiver}, without the path \`${basePath}\` of its OTEL_EXPORTER_OTLP_ENDPOINT (${d.endpoint}); they belong at \`POST ${d.path}\`. The URL was probably resolved as \`new URL('/v1/traces', base)\`: a path that starts with \`/\` replaces the base URL's path. Append to the base path instead, \`\${base.replace(/\\/+$/, '')}/v1/traces\`, or leave \`url\` out and let the exporter do it.`;
  }
  return `The spans of ${d.service} were sent to ${sent} of ${d.receiver}, which answers 404; they belong at \`POST ${d.path}\`. OTEL_EXPORTER_OTLP_ENDPOINT is a base URL: don't pass it as \`url\`, which is used as is; leave \`url\` out.`;
}

const FLUSH =
  'The batch processor queues spans and sends them every 5 seconds; a process that exits first loses them. `shutdown()` should return `provider.shutdown()`, which exports what is queued and waits for it.';

export default defineChecks([
  check('Each deployment exports to the collector its OTEL_EXPORTER_OTLP_ENDPOINT names, plus /v1/traces', (t) => {
    for (const d of DEPLOYMENTS) {
      const { spans } = spansOf(t, d);
      const ids = new Set(spans.map((s) => s.spanId));
      const all = t.extra('requests', requests).filter((r) => r.service === 'collector' || r.service === 'gateway');
      const holding = all.filter((r) => exportedIds(r.body).some((id) => ids.has(id)));
      t.assert(all.length > 0, `No collector received anything. ${FLUSH}`);
      const wrong = holding.find((r) => r.service !== d.receiver || r.path !== d.path);
      t.assert(wrong === undefined, wrong === undefined ? '' : wrongEndpoint(d, wrong));
      t.assert(
        holding.length > 0,
        receivedBy(t, d.receiver).length === 0 ? `${d.receiver} (${d.endpoint}) received nothing from ${d.service}. ${FLUSH}` : `None of the spans of ${d.service} reached ${d.receiver}. ${FLUSH}`,
      );
      for (const r of holding) t.assert(header(r.headers, 'content-type') === 'application/json', `An export reached ${d.receiver} without \`content-type: application/json\`.`);
    }
  }),
  check('Every span reaches its collector before the deployment stops (shutdown flushes)', (t) => {
    for (const d of DEPLOYMENTS) {
      const { spans } = spansOf(t, d);
      const exported = new Set(receivedBy(t, d.receiver).flatMap((r) => exportedIds(r.body)));
      const missing = spans.filter((s) => !exported.has(s.spanId));
      t.assert(
        missing.length === 0,
        exported.size === 0
          ? `None of the ${spans.length} spans of ${d.service} reached ${d.receiver} before it stopped. ${FLUSH}`
          : `${missing.length} of the ${spans.length} spans of ${d.service} never reached ${d.receiver}: ${missing.map((s) => `\`${s.name}\``).join(', ')}. ${FLUSH}`,
      );
    }
  }),
  check('The spans go out in batches, not one request per span', (t) => {
    const exports = t.extra('requests', requests).filter((r) => r.service === 'collector' || r.service === 'gateway').map((r) => exportedIds(r.body).length);
    t.assert(exports.length > 0, `No collector received anything yet. ${FLUSH}`);
    t.assert(
      exports.some((n) => n > 1),
      `Every export carries a single span: one request per span, as a SimpleSpanProcessor sends them. A service uses a \`BatchSpanProcessor\`, and flushes it on shutdown.`,
    );
  }),
  check('`service.name` comes from OTEL_SERVICE_NAME', (t) => {
    for (const d of DEPLOYMENTS) {
      const { root } = spansOf(t, d);
      const name = root.resource['service.name'];
      const detected = root.resource['service.version'] !== undefined;
      t.assert(
        name === d.service,
        detected && typeof name === 'string' && name.startsWith('unknown_service')
          ? `The spans of ${d.service} carry the default \`service.name\` = ${JSON.stringify(name)}, though the attributes of OTEL_RESOURCE_ATTRIBUTES arrived: \`a.merge(b)\` keeps \`b\`'s value where both have one, so merge the detected resource last: \`defaultResource().merge(detectResources({ detectors: [envDetector] }))\`.`
          : `The spans of the deployment with OTEL_SERVICE_NAME=${d.service} carry \`service.name\` = ${JSON.stringify(name)}. A name written into \`resourceFromAttributes\` cannot change per deployment: let the env detector read it, \`detectResources({ detectors: [envDetector] })\`.`,
      );
    }
  }),
  check('The resource carries the attributes of OTEL_RESOURCE_ATTRIBUTES', (t) => {
    for (const d of DEPLOYMENTS) {
      const { root } = spansOf(t, d);
      for (const [key, expected] of Object.entries(d.resource)) {
        const actual = root.resource[key];
        t.assert(
          actual === expected,
          `The spans of ${d.service} should carry the resource attribute \`${key}\` = "${expected}" from OTEL_RESOURCE_ATTRIBUTES, but ${actual === undefined ? `their resource has no \`${key}\`` : `it is ${JSON.stringify(actual)}`}. The env detector reads both variables: \`detectResources({ detectors: [envDetector] })\`, merged into the provider's resource.`,
        );
      }
    }
  }),
  check('`reserve stock` and `POST payments` are children of `POST /checkout` (context manager)', (t) => {
    for (const d of DEPLOYMENTS) {
      const { root, spans } = spansOf(t, d);
      for (const name of ['reserve stock', 'POST payments']) {
        const child = spans.find((s) => s.name === name);
        t.assert(child !== undefined, `Deployment ${d.service} recorded no \`${name}\` span.`);
        t.assert(
          child!.parentSpanId === root.spanId,
          child!.parentSpanId === undefined
            ? `In deployment ${d.service}, \`${name}\` is the root of a trace of its own: no context manager is registered, so \`startActiveSpan\` makes \`POST /checkout\` active for nobody. Register one: \`context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())\`.`
            : `In deployment ${d.service}, \`${name}\` has another parent than \`POST /checkout\`.`,
        );
      }
    }
  }),
  check('payments receives the trace in a `traceparent` header (propagators)', (t) => {
    const calls = receivedBy(t, 'payments');
    t.assert(calls.length === DEPLOYMENTS.length, `payments should receive one request per deployment, but it received ${calls.length}.`);
    for (const [i, d] of DEPLOYMENTS.entries()) {
      const { root } = spansOf(t, d);
      const value = header(calls[i]!.headers, 'traceparent');
      t.assert(
        value !== undefined,
        `The request ${d.service} sent to payments has no \`traceparent\` header: \`propagation.inject\` writes nothing until a propagator is registered. Register the W3C ones: \`propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }))\`.`,
      );
      const parsed = parseTraceparent(value);
      t.assert(parsed.valid && parsed.traceparent.traceId === root.traceId, `The \`traceparent\` ${d.service} sent to payments does not carry the trace of its checkout.`);
    }
  }),
]);
