import './tracing.js'; // the program's tracing set-up, first
import { input } from '@course/sandbox';
import { getOrder } from './orders.js';

// The router matched GET /orders/ord_1042 for the signed-in customer cus_77. (Graded, the
// scenario also runs once more with another order id, which you do not see.)
export async function main(): Promise<void> {
  const id = input('order id', 'ord_1042', (random) => `ord_${random.int(2000, 9999)}`);
  const page = await getOrder({ method: 'GET', route: '/orders/:id', params: { id }, customerId: 'cus_77' });
  console.log(page);
}
