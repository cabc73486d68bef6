import { SpanKind, trace } from '@opentelemetry/api';
import { checkCart, insertOrder, stripeCharge, verifyToken, type Order } from './shop.js';

const tracer = trace.getTracer('checkout-service', '1.0.0');

/** Runs `work` inside a new active span and always ends it. */
function inSpan<T>(name: string, work: () => Promise<T>, kind: SpanKind = SpanKind.INTERNAL): Promise<T> {
  return tracer.startActiveSpan(name, { kind }, async (span) => {
    try {
      return await work();
    } finally {
      span.end();
    }
  });
}

export function checkout(order: Order): Promise<{ chargeId: string }> {
  return inSpan(
    'POST /checkout',
    async () => {
      await inSpan('auth middleware', () => verifyToken(order));
      const total = await inSpan('validate cart', () => checkCart(order));
      const chargeId = await inSpan('charge payment', () => chargePayment(order, total));
      await inSpan('save order', () => insertOrder(order, chargeId));
      return { chargeId };
    },
    SpanKind.SERVER,
  );
}

function chargePayment(order: Order, total: number): Promise<string> {
  return inSpan('stripe api call', () => stripeCharge(order.customerId, total), SpanKind.CLIENT);
}
