import { check, defineChecks } from '#checks';

const RESOURCE: Record<string, string> = {
  'service.name': 'checkout-service',
  'service.version': '1.4.0',
  'deployment.environment.name': 'staging',
};
const NAMES = ['place order', 'reserve stock', 'charge payment'];

/** A value as code; the SDK's default service name ends with the path of the program, which is the grader's business, not the learner's. */
const shown = (v: unknown) => (typeof v === 'string' ? `"${v.startsWith('unknown_service:') ? 'unknown_service:…' : v}"` : String(v));

export default defineChecks([
  check('The spans come from your tracer provider', ({ spans, assert }) => {
    const all = spans().atLeast(NAMES.length).records;
    for (const s of all) {
      const service = s.resource['service.name'];
      assert(
        typeof service !== 'string' || !service.startsWith('unknown_service'),
        `Span \`${s.name}\` has \`service.name\` = ${shown(service)}, the SDK's default (\`unknown_service\` and the path of the program): the provider that created it has no resource naming the service. Pass \`resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'checkout-service', ... })\` to the provider.`,
      );
    }
  }),
  check('Every span carries the resource of checkout-service 1.4.0 in staging', ({ spans, assert }) => {
    for (const s of spans().atLeast(1).records) {
      for (const [key, expected] of Object.entries(RESOURCE)) {
        const actual = s.resource[key];
        assert(
          actual === expected,
          actual === undefined
            ? `Span \`${s.name}\` should carry the resource attribute \`${key}\` = ${shown(expected)}, but its resource has no \`${key}\`. Add it to \`resourceFromAttributes({ ... })\`.`
            : `Span \`${s.name}\` should carry the resource attribute \`${key}\` = ${shown(expected)}, but it has ${shown(actual)}.`,
        );
      }
    }
  }),
  check('The checkout spans have the instrumentation scope `checkout` 1.4.0', ({ span, assert }) => {
    for (const name of ['place order', 'charge payment']) {
      const { scope } = span(name).record;
      assert(
        scope.name === 'checkout',
        `Span \`${name}\` should come from the tracer \`checkout\`, but its instrumentation scope is \`${scope.name}\`. The scope is the tracer’s name, not the service’s: \`trace.getTracer('checkout', '1.4.0')\`.`,
      );
      assert(
        scope.version === '1.4.0',
        scope.version === undefined
          ? `Span \`${name}\` has the instrumentation scope \`checkout\` without a version. Pass the version as the second argument: \`trace.getTracer('checkout', '1.4.0')\`.`
          : `Span \`${name}\` should have the scope version "1.4.0", but it has ${shown(scope.version)}.`,
      );
    }
  }),
  check('The library’s and the checkout’s spans are children of `place order`', ({ span }) => {
    for (const name of ['reserve stock', 'charge payment']) span(name).isChildOf('place order');
  }),
  check('The ConsoleSpanExporter printed every span', ({ output, assert, span }) => {
    const advice = 'Give the provider a span processor that prints each span as it ends: `spanProcessors: [new SimpleSpanProcessor({ exporter: new ConsoleSpanExporter() })]`.';
    for (const name of NAMES) {
      assert(output.text.includes(name), `Nothing was printed for span \`${name}\`. ${advice}`);
      // The exporter prints the span it was given, ids included; a line printed by hand does not know them.
      const { spanId, traceId } = span(name).record;
      assert(
        output.text.includes(spanId) && output.text.includes(traceId),
        `The output names span \`${name}\`, but not its ids (trace ${traceId.slice(0, 8)}…, span ${spanId}), which a ConsoleSpanExporter prints with every span: the name was printed by the program, not exported. ${advice}`,
      );
    }
  }),
]);
