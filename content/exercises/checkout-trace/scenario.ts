import './tracing.js'; // the program's tracing set-up, first
import { checkout } from './checkout.js';
import type { Order } from './shop.js';

// One shopper checks out a cart of three items.
const order: Order = {
  id: 'ord_1042',
  customerId: 'cus_77',
  items: [
    { sku: 'tee-s', quantity: 2, price: 19.5 },
    { sku: 'mug', quantity: 1, price: 12 },
  ],
};

export async function main(): Promise<void> {
  const result = await checkout(order);
  console.log(`order ${order.id} charged: ${result.chargeId}`);
}
