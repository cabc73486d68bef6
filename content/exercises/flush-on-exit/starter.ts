import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { CollectorExporter } from './exporter.js';
import { pendingOrders, sendReceipt } from './receipts.js';

const provider = new TracerProvider({
  resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'checkout-service' }),
  spanProcessors: [new BatchSpanProcessor({ exporter: new CollectorExporter() })],
});
trace.setGlobalTracerProvider(provider);
// Keeps the active span across `await`, so that each `send receipt` is a child of `send receipts`.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

const tracer = trace.getTracer('receipts-job', '1.0.0');

/** A short-lived job: it sends today's receipts, then the process exits. */
export async function main(): Promise<void> {
  await tracer.startActiveSpan('send receipts', async (span) => {
    try {
      for (const orderId of await pendingOrders()) {
        await tracer.startActiveSpan('send receipt', { attributes: { 'order.id': orderId } }, async (child) => {
          try {
            await sendReceipt(orderId);
          } finally {
            child.end();
          }
        });
      }
    } finally {
      span.end();
    }
  });
  console.log('receipts sent');
}
