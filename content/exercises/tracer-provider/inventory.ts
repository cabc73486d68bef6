// A shared library the checkout service uses. Like every library, it depends only on the
// OpenTelemetry API: its spans go to whichever tracer provider the application registered.
import { trace } from '@opentelemetry/api';

const tracer = trace.getTracer('inventory-lib', '2.0.1');

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function reserveStock(sku: string, quantity: number): Promise<void> {
  await tracer.startActiveSpan('reserve stock', { attributes: { 'inventory.sku': sku, 'inventory.quantity': quantity } }, async (span) => {
    try {
      await wait(2);
    } finally {
      span.end();
    }
  });
}
