// Tracing is set up first, before any other module runs, as `node --import ./tracing.js` would do.
import './tracing.js';
import { placeOrder } from './shop.js';

export async function main(): Promise<void> {
  await placeOrder({ id: 'ord_1042', items: [{ sku: 'tee-s', quantity: 2, price: 19.5 }] });
  console.log('order ord_1042 done');
}
