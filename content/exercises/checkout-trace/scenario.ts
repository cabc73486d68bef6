import './tracing.js'; // the program's tracing set-up, first
import { checkout } from './checkout.js';
import type { Order } from './shop.js';
import { input, observe } from '@course/sandbox';

export async function main(): Promise<void> {
  // One shopper checks out a cart of three items. (Graded, the scenario also runs once more with
  // another shopper and cart, which you do not see.)
  const shopper = input('shopper', { orderId: 'ord_1042', customerId: 'cus_77' }, (random) => ({ orderId: `ord_${random.int(2000, 9999)}`, customerId: `cus_${random.int(100, 999)}` }));
  const quantities = input('quantities', [2, 1], (random) => [random.int(1, 5), random.int(2, 4)]);
  const order: Order = {
    id: shopper.orderId,
    customerId: shopper.customerId,
    items: [
      { sku: 'tee-s', quantity: quantities[0]!, price: 19.5 },
      { sku: 'mug', quantity: quantities[1]!, price: 12 },
    ],
  };
  const result = await checkout(order);
  // What the checkout returned, reported to the checks directly.
  observe('charge id', result?.chargeId);
  console.log(`order ${order.id} charged: ${result?.chargeId}`);
}
