import './tracing.js'; // both services' tracing set-up, first
import { context, propagation, ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { input, observe, serve, type SandboxRequest } from '@course/sandbox';
import { handlePayment, requestPayment } from './services.js';
import { checkoutTracer } from './tracing.js';

// Graded, the scenario also runs once more with another order, and with an api-gateway between the
// two services that starts a span of its own, which you do not see. Through the gateway, the
// traceparent payment-service receives names the gateway's span, not `POST payments`.
const order = input('order', { orderId: 'ord_1042', amount: 4999 }, (random) => ({ orderId: `ord_${random.int(2000, 9999)}`, amount: random.int(500, 99_999) }));
const throughGateway = input('api-gateway between the services', false, () => true);

/** payment-service, as the scenario hands it each request: it notes the traceparent it received. */
function paymentService(request: SandboxRequest) {
  observe('traceparent received', request.headers['traceparent']);
  return handlePayment(request);
}

/** An api-gateway in front of payment-service: it continues the trace in a span of its own, as an instrumented proxy does. */
const gatewayTracer = new TracerProvider({ resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'api-gateway' }) }).getTracer('api-gateway');
function gateway(request: SandboxRequest) {
  const parent = propagation.extract(ROOT_CONTEXT, request.headers);
  return gatewayTracer.startActiveSpan('gateway /payments', { kind: SpanKind.SERVER }, parent, async (span) => {
    try {
      const headers = { ...request.headers };
      delete headers['traceparent'];
      propagation.inject(context.active(), headers);
      // Only the headers go on to payment-service, as over a network.
      return await context.with(ROOT_CONTEXT, () => paymentService({ ...request, headers }));
    } finally {
      span.end();
    }
  });
}

export async function main(): Promise<void> {
  // payment-service listens at http://payments.sandbox.
  await serve('payments', throughGateway ? gateway : paymentService);

  // A shopper checks out: checkout-service handles POST /checkout and calls payment-service.
  await checkoutTracer.startActiveSpan('POST /checkout', { kind: SpanKind.SERVER }, async (span) => {
    try {
      const paymentId = await requestPayment(order);
      observe('payment id', paymentId);
      console.log(`order ${order.orderId} paid: ${paymentId}`);
    } finally {
      span.end();
    }
  });
}
