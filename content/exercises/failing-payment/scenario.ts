import './tracing.js'; // the program's tracing set-up, first
import { processCheckout } from './checkout.js';
import type { Order } from './payments.js';
import { observe } from '@course/sandbox';

// Four shoppers check out: one card is declined (an everyday answer), and two payments fail.
const orders: Order[] = [
  { id: 'ord_1001', customerId: 'cus_11', items: [{ sku: 'tee-s', quantity: 2 }, { sku: 'mug', quantity: 1 }], total: 58.5, currency: 'EUR', card: 'tok_visa' },
  { id: 'ord_1002', customerId: 'cus_12', items: [{ sku: 'cap', quantity: 1 }], total: 24.99, currency: 'EUR', card: 'tok_insufficient_funds' },
  { id: 'ord_1003', customerId: 'cus_13', items: [{ sku: 'hoodie', quantity: 1 }, { sku: 'socks', quantity: 3 }], total: 74.5, currency: 'EUR', card: 'tok_issuer_down' },
  { id: 'ord_1004', customerId: 'cus_14', items: [{ sku: 'tote', quantity: 1 }], total: 15.25, currency: 'EUR', card: 'tok_slow_gateway' },
];

export async function main(): Promise<void> {
  for (const order of orders) {
    try {
      const result = await processCheckout(order);
      observe(order.id, { outcome: result?.status ?? 'no result' });
      console.log(`${order.id}: ${result?.status ?? 'no result'}`);
    } catch (err) {
      observe(order.id, { outcome: 'failed' });
      console.log(`${order.id}: failed, ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    }
  }
}
