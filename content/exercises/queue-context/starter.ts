import { context, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { publish, type QueueMessage } from './queue.js';
import { sendReceipt, type Order } from './shop.js';

const checkoutTracer = trace.getTracer('checkout-service');
const emailTracer = trace.getTracer('email-service');

// checkout-service: the producer.
export async function publishOrderPlaced(order: Order, tenantId: string): Promise<void> {
  // TODO: put tenant.id = tenantId in the baggage, publish inside a PRODUCER span
  // `publish order.placed`, and inject the context into the message headers.
  const headers: Record<string, string> = {};
  publish({ topic: 'order.placed', body: JSON.stringify(order), headers });
  void tenantId;
}

// email-service: the consumer.
export async function processOrderPlaced(message: QueueMessage): Promise<void> {
  // TODO: extract the context from message.headers, process the message inside a CONSUMER span
  // `process order.placed` started in it, and copy the baggage entry tenant.id onto that span.
  await sendReceipt(JSON.parse(message.body) as Order);
}

// Used once you add the spans.
void [context, propagation, ROOT_CONTEXT, SpanKind, checkoutTracer, emailTracer];
