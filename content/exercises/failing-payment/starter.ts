import { SpanStatusCode, trace } from '@opentelemetry/api';
import { submitOrder, type Order, type OrderResult } from './payments.js';

const tracer = trace.getTracer('checkout-service', '1.4.0');

export async function processCheckout(order: Order): Promise<OrderResult> {
  return tracer.startActiveSpan('processCheckout', async (span) => {
    try {
      // TODO: describe the order (and its outcome) with attributes.
      const result = await submitOrder(order);
      span.setStatus({ code: SpanStatusCode.OK });
      return result;
      // TODO: when submitOrder fails, the span should say so, and the caller should still see the error.
    } finally {
      span.end();
    }
  });
}
