// The checkout's building blocks. They stand in for real work with short waits. Like many
// libraries, each one notes on the active span what it did (`shop.operation`), and each one
// tells the sandbox what work it did and when (`work()`), so the checks can see which span was
// active while it ran.
import { trace } from '@opentelemetry/api';
import { observe, work } from '@course/sandbox';

export interface Order {
  id: string;
  customerId: string;
  items: Array<{ sku: string; quantity: number; price: number }>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const note = (operation: string) => trace.getActiveSpan()?.setAttribute('shop.operation', operation);

export function verifyToken(order: Order): Promise<void> {
  return work('verifyToken', async () => {
    note('verifyToken');
    await wait(1);
    if (!order.customerId) throw new Error('not signed in');
  });
}

export function checkCart(order: Order): Promise<number> {
  return work('checkCart', async () => {
    note('checkCart');
    await wait(1);
    return order.items.reduce((sum, item) => sum + item.quantity * item.price, 0);
  });
}

/** The payment provider's API: the slow part. */
export function stripeCharge(customerId: string, amount: number): Promise<string> {
  return work('stripeCharge', async () => {
    note('stripeCharge');
    await wait(40);
    const chargeId = `ch_${customerId}_${Math.round(amount * 100)}`;
    observe('stripe charge', chargeId);
    return chargeId;
  });
}

export function insertOrder(order: Order, chargeId: string): Promise<void> {
  return work('insertOrder', async () => {
    note('insertOrder');
    await wait(2);
    void order;
    void chargeId;
  });
}
