import { SpanStatusCode, trace } from '@opentelemetry/api';
import { submitOrder, type Order, type OrderResult } from './payments.js';

const tracer = trace.getTracer('checkout-service', '1.4.0');

export async function processCheckout(order: Order): Promise<OrderResult> {
  return tracer.startActiveSpan('processCheckout', async (span) => {
    try {
      span.setAttributes({
        'order.id': order.id,
        'order.items_count': order.items.length,
        'order.total': order.total,
      });
      const result = await submitOrder(order);
      // A declined card is an expected answer: the checkout did its job. The outcome is an
      // attribute, and the status stays UNSET, as it does for a confirmed order.
      span.setAttribute('order.status', result.status);
      return result;
    } catch (err) {
      // Anything can be thrown: narrow it instead of casting.
      span.recordException(err instanceof Error ? err : String(err));
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: err instanceof Error ? err.message : String(err),
      });
      throw err;
    } finally {
      span.end();
    }
  });
}
