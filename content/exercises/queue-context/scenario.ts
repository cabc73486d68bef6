import './tracing.js'; // the program's tracing set-up, first
import { SpanKind, trace } from '@opentelemetry/api';
import { input } from '@course/sandbox';
import { processOrderPlaced, publishOrderPlaced } from './orders.js';
import { take } from './queue.js';
import type { Order } from './shop.js';

export async function main(): Promise<void> {
  // (Graded, the scenario also runs once more with another order and tenant, which you do not see.)
  const order: Order = { id: input('order id', 'ord_1042', (random) => `ord_${random.int(2000, 9999)}`), total: 49.99 };
  const tenant = input('tenant', 'acme', (random) => random.pick(['globex', 'initech', 'umbrella', 'hooli']));
  // checkout-service: a shopper of tenant acme checks out, and the order is published.
  const checkout = trace.getTracer('checkout-service');
  await checkout.startActiveSpan('POST /checkout', { kind: SpanKind.SERVER }, async (span) => {
    try {
      await publishOrderPlaced(order, tenant);
    } finally {
      span.end();
    }
  });

  // Later, in email-service: the message is taken off the queue and processed.
  const message = take('order.placed');
  if (!message) throw new Error('The queue has no order.placed message: publishOrderPlaced must call publish().');
  await processOrderPlaced(message);
}
