// The checkout's building blocks. They stand in for real work with short waits.

export interface Order {
  id: string;
  customerId: string;
  items: Array<{ sku: string; quantity: number; price: number }>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function verifyToken(order: Order): Promise<void> {
  await wait(1);
  if (!order.customerId) throw new Error('not signed in');
}

export async function checkCart(order: Order): Promise<number> {
  await wait(1);
  return order.items.reduce((sum, item) => sum + item.quantity * item.price, 0);
}

/** The payment provider's API: the slow part. */
export async function stripeCharge(customerId: string, amount: number): Promise<string> {
  await wait(12);
  return `ch_${customerId}_${Math.round(amount * 100)}`;
}

export async function insertOrder(order: Order, chargeId: string): Promise<void> {
  await wait(2);
  void order;
  void chargeId;
}
