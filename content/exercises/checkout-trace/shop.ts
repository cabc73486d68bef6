// The checkout's building blocks. They stand in for real work with short waits. Like many
// libraries, each one notes on the active span what it did (`shop.operation`).
import { trace } from '@opentelemetry/api';

export interface Order {
  id: string;
  customerId: string;
  items: Array<{ sku: string; quantity: number; price: number }>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const note = (operation: string) => trace.getActiveSpan()?.setAttribute('shop.operation', operation);

export async function verifyToken(order: Order): Promise<void> {
  note('verifyToken');
  await wait(1);
  if (!order.customerId) throw new Error('not signed in');
}

export async function checkCart(order: Order): Promise<number> {
  note('checkCart');
  await wait(1);
  return order.items.reduce((sum, item) => sum + item.quantity * item.price, 0);
}

/** The payment provider's API: the slow part. */
export async function stripeCharge(customerId: string, amount: number): Promise<string> {
  note('stripeCharge');
  await wait(40);
  return `ch_${customerId}_${Math.round(amount * 100)}`;
}

export async function insertOrder(order: Order, chargeId: string): Promise<void> {
  note('insertOrder');
  await wait(2);
  void order;
  void chargeId;
}
