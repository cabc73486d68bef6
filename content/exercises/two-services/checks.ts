import { check, defineChecks, header, is } from '#checks';

/** A request a sandbox service received (`extras.requests`). */
const requests = is.array(is.object({ service: is.string, method: is.string, path: is.string, headers: is.record(is.string), body: is.string }));

export default defineChecks([
  check('checkout-service calls payments from a CLIENT span `POST payments`', ({ span, assert }) => {
    const client = span('POST payments').hasKind('CLIENT').isChildOf('POST /checkout');
    const service = client.record.resource['service.name'];
    assert(
      service === 'checkout-service',
      `Span \`POST payments\` should come from checkout-service, but its service.name is ${JSON.stringify(service)}: start it with \`checkoutTracer\`.`,
    );
  }),
  check('The request to payment-service carries a traceparent that names `POST payments`', ({ extra, traceparent, assert }) => {
    const sent = extra('requests', requests).filter((r) => r.service === 'payments');
    assert(sent.length > 0, 'No request reached payment-service (http://payments.sandbox).');
    const value = header(sent[0]!.headers, 'traceparent');
    assert(
      value !== undefined,
      `The request to payment-service has no traceparent header (it sent ${Object.keys(sent[0]!.headers).map((h) => `\`${h}\``).join(', ') || 'no headers'}). Call \`propagation.inject(context.active(), headers)\` inside the \`POST payments\` span, before \`fetch\`.`,
    );
    traceparent(value, 'the traceparent header of the request to payment-service').pointsTo('POST payments');
  }),
  check('payment-service handles it in a SERVER span `POST /payments`', ({ span, assert }) => {
    const server = span('POST /payments').hasKind('SERVER');
    const service = server.record.resource['service.name'];
    assert(
      service === 'payment-service',
      `Span \`POST /payments\` should come from payment-service, but its service.name is ${JSON.stringify(service)}: start it with \`paymentTracer\`.`,
    );
  }),
  check('`POST /payments` is a child of `POST payments`, across the two services', ({ span, assert }) => {
    const server = span('POST /payments');
    assert(
      server.record.parentSpanId !== undefined,
      'Span `POST /payments` is a root span: payment-service started a new trace. Make sure the request carries a traceparent (see the check above), and pass the context that `propagation.extract(...)` returns as the third argument of `startActiveSpan`.',
    );
    server.isChildOf('POST payments');
  }),
  check('Both services report one trace, and every span ended', ({ span, trace, allSpansEnded }) => {
    span('POST /payments').isInSameTraceAs('POST /checkout');
    trace.hasSingleTraceId();
    allSpansEnded();
  }),
]);
