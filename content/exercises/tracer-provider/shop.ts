// The checkout service's own code. It gets its tracer from tracing.ts.
import { reserveStock } from './inventory.js';
import { tracer } from './tracing.js';

export interface Order {
  id: string;
  items: Array<{ sku: string; quantity: number; price: number }>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function placeOrder(order: Order): Promise<void> {
  await tracer.startActiveSpan('place order', { attributes: { 'order.id': order.id } }, async (span) => {
    try {
      for (const item of order.items) await reserveStock(item.sku, item.quantity);
      await tracer.startActiveSpan('charge payment', async (charge) => {
        try {
          await wait(3);
        } finally {
          charge.end();
        }
      });
    } finally {
      span.end();
    }
  });
}
