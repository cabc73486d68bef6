import './tracing.js'; // the program's tracing set-up, first
import { getOrder } from './orders.js';

// The router matched GET /orders/ord_1042 for the signed-in customer cus_77.
export async function main(): Promise<void> {
  const page = await getOrder({ method: 'GET', route: '/orders/:id', params: { id: 'ord_1042' }, customerId: 'cus_77' });
  console.log(page);
}
