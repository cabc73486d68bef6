import { trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { CollectorExporter } from './exporter.js';
import { pendingOrders, sendReceipt } from './receipts.js';

const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'checkout-service' }),
  spanProcessors: [new BatchSpanProcessor(new CollectorExporter())],
});
trace.setGlobalTracerProvider(provider);

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
