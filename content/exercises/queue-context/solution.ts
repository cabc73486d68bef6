import { context, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { publish, type QueueMessage } from './queue.js';
import { sendReceipt, type Order } from './shop.js';

const checkoutTracer = trace.getTracer('checkout-service');
const emailTracer = trace.getTracer('email-service');

// checkout-service: the producer.
export function publishOrderPlaced(order: Order, tenantId: string): Promise<void> {
  // Keep any baggage that arrived from upstream, and add the tenant.
  const baggage = (propagation.getActiveBaggage() ?? propagation.createBaggage()).setEntry('tenant.id', { value: tenantId });
  return context.with(propagation.setBaggage(context.active(), baggage), () =>
    checkoutTracer.startActiveSpan('publish order.placed', { kind: SpanKind.PRODUCER }, async (span) => {
      try {
        const headers: Record<string, string> = {};
        // Writes traceparent (naming this PRODUCER span) and baggage (tenant.id).
        propagation.inject(context.active(), headers);
        publish({ topic: 'order.placed', body: JSON.stringify(order), headers });
      } finally {
        span.end();
      }
    }),
  );
}

// email-service: the consumer.
export function processOrderPlaced(message: QueueMessage): Promise<void> {
  // From the empty context: only what the message carries becomes the parent.
  const parent = propagation.extract(ROOT_CONTEXT, message.headers);
  return emailTracer.startActiveSpan('process order.placed', { kind: SpanKind.CONSUMER }, parent, async (span) => {
    try {
      // Baggage is not added to spans by itself: copy the entry you want to search by.
      const tenantId = propagation.getActiveBaggage()?.getEntry('tenant.id')?.value;
      if (tenantId) span.setAttribute('tenant.id', tenantId);
      await sendReceipt(JSON.parse(message.body) as Order);
    } finally {
      span.end();
    }
  });
}
