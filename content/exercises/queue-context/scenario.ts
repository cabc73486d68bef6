import './tracing.js'; // the program's tracing set-up, first
import { SpanKind, trace } from '@opentelemetry/api';
import { processOrderPlaced, publishOrderPlaced } from './orders.js';
import { take } from './queue.js';
import type { Order } from './shop.js';

const order: Order = { id: 'ord_1042', total: 49.99 };

export async function main(): Promise<void> {
  // checkout-service: a shopper of tenant acme checks out, and the order is published.
  const checkout = trace.getTracer('checkout-service');
  await checkout.startActiveSpan('POST /checkout', { kind: SpanKind.SERVER }, async (span) => {
    try {
      await publishOrderPlaced(order, 'acme');
    } finally {
      span.end();
    }
  });

  // Later, in email-service: the message is taken off the queue and processed.
  const message = take('order.placed');
  if (!message) throw new Error('The queue has no order.placed message: publishOrderPlaced must call publish().');
  await processOrderPlaced(message);
}
