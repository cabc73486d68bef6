import { check, defineChecks, header, is, parseTraceparent, type CheckContext } from '#checks';

/** A request a sandbox service received (`extras.requests`). */
const requests = is.array(is.object({ service: is.string, method: is.string, path: is.string, headers: is.record(is.string), body: is.string }));

/** What the exercise's own files reported: the traceparent payment-service received, the payment it made, the id checkout got. */
const observed = ({ extra }: CheckContext) => extra('observations', is.record(is.unknown));
/** The span a recorded span id belongs to, for a message. */
function named({ run }: CheckContext, spanId: string | undefined): string {
  const span = run.spans.find((s) => s.spanId === spanId) ?? run.unfinished.find((s) => s.spanId === spanId);
  return span ? `\`${span.name}\`` : `a span that was not recorded (${spanId})`;
}

export default defineChecks([
  check('checkout-service calls payments from a CLIENT span `POST payments`', ({ span, assert }) => {
    const client = span('POST payments').hasKind('CLIENT').isChildOf('POST /checkout');
    const service = client.record.resource['service.name'];
    assert(
      service === 'checkout-service',
      `Span \`POST payments\` should come from checkout-service, but its service.name is ${JSON.stringify(service)}: start it with \`checkoutTracer\`.`,
    );
  }),
  check('The request to payment-service carries a traceparent that names `POST payments`', ({ extra, traceparent, assert, run }) => {
    const sent = extra('requests', requests).filter((r) => r.service === 'payments');
    const unanswered = run.unfinished.some((s) => s.name === 'POST payments');
    assert(
      sent.length > 0,
      `No request reached payment-service (http://payments.sandbox)${unanswered ? ' before the program ended, and `POST payments` never ended: the request was started without `await` (fire and forget). `await` it inside the span' : ''}.`,
    );
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
  check('`POST /payments` is a child of `POST payments`, through the request’s traceparent header', (t) => {
    const server = t.span('POST /payments');
    t.assert(
      server.record.parentSpanId !== undefined,
      'Span `POST /payments` is a root span: payment-service started a new trace. Make sure the request carries a traceparent (see the check above), and pass the context that `propagation.extract(...)` returns as the third argument of `startActiveSpan`.',
    );
    // The traceparent payment-service's handler received: through an api-gateway (the hidden run)
    // it names the gateway's span, so a parent that did not come from the headers shows.
    const received = parseTraceparent(observed(t)['traceparent received']);
    if (received.valid) {
      const parent = server.record.parentSpanId;
      t.assert(
        parent === received.traceparent.parentId,
        `The parent of \`POST /payments\` did not arrive through the request's headers: it is ${named(t, parent)}, but the traceparent header payment-service received names ${named(t, received.traceparent.parentId)}. payment-service must take its parent from \`propagation.extract(context.active(), request.headers)\`, not from a variable the client filled in: two services share no memory, only the request, and a proxy between them changes the parent.`,
      );
    }
    if (!t.input('api-gateway between the services', false)) server.isChildOf('POST payments');
  }),
  check('checkout-service waits for payment-service’s answer and returns its payment id', (t) => {
    const seen = observed(t);
    const order = t.input('order', { orderId: 'ord_1042', amount: 4999 });
    const open = t.run.unfinished.find((s) => s.name === 'POST payments');
    t.assert(
      open === undefined,
      `Span \`POST payments\` never ended: the program finished before payment-service answered. The request was started without \`await\` (fire and forget), so nothing waited for it. \`await fetch(...)\` inside the span, and end the span in \`finally\`.`,
    );
    t.assert(
      seen['card charged'] !== undefined,
      `payment-service never charged the card${seen['payment id'] === undefined ? '' : `, yet the checkout got the payment id ${JSON.stringify(seen['payment id'])}`}: the request was not awaited (fire and forget), or never sent. \`await\` the request to http://payments.sandbox/payments and return the \`paymentId\` of its response.`,
    );
    const expected = `pay_${order.orderId}_${order.amount}`;
    t.assert(
      seen['card charged'] === expected,
      `payment-service charged ${JSON.stringify(seen['card charged'])}, but the checkout was for order ${order.orderId}, amount ${order.amount} (${JSON.stringify(expected)}). Send the payment \`requestPayment\` was given (\`JSON.stringify(payment)\`), and charge what the request carries (\`request.json()\`).`,
    );
    t.assert(
      seen['payment id'] === expected,
      `The checkout got the payment id ${JSON.stringify(seen['payment id'])}, but payment-service answered ${JSON.stringify(expected)}: return the \`paymentId\` of the response.`,
    );
  }),
  check('Both services report one trace, and every span ended', ({ span, trace, allSpansEnded }) => {
    span('POST /payments').isInSameTraceAs('POST /checkout');
    trace.hasSingleTraceId();
    allSpansEnded();
  }),
]);
