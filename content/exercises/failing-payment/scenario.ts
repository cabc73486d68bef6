import './tracing.js'; // the program's tracing set-up, first
import { processCheckout } from './checkout.js';
import type { Order } from './payments.js';
import { input, observe } from '@course/sandbox';

// Four shoppers check out: one card is declined (an everyday answer), and two payments fail.
// (Graded, the scenario also runs once more with other order ids and totals, which you do not see.)
const ids = input('order ids', ['ord_1001', 'ord_1002', 'ord_1003', 'ord_1004'], (random) => {
  const first = random.int(2000, 9990);
  return [0, 1, 2, 3].map((i) => `ord_${first + i}`);
});
const totals = input('order totals', [58.5, 24.99, 74.5, 15.25], (random) => [0, 1, 2, 3].map(() => random.int(500, 19999) / 100));
const orders: Order[] = [
  { id: ids[0]!, customerId: 'cus_11', items: [{ sku: 'tee-s', quantity: 2 }, { sku: 'mug', quantity: 1 }], total: totals[0]!, currency: 'EUR', card: 'tok_visa' },
  { id: ids[1]!, customerId: 'cus_12', items: [{ sku: 'cap', quantity: 1 }], total: totals[1]!, currency: 'EUR', card: 'tok_insufficient_funds' },
  { id: ids[2]!, customerId: 'cus_13', items: [{ sku: 'hoodie', quantity: 1 }, { sku: 'socks', quantity: 3 }], total: totals[2]!, currency: 'EUR', card: 'tok_issuer_down' },
  { id: ids[3]!, customerId: 'cus_14', items: [{ sku: 'tote', quantity: 1 }], total: totals[3]!, currency: 'EUR', card: 'tok_slow_gateway' },
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
