// The order pipeline and the payment provider's errors. Short waits stand in for real calls.

export interface Order {
  id: string;
  customerId: string;
  items: Array<{ sku: string; quantity: number }>;
  total: number;
  currency: string;
  /** The card token from the payment form. */
  card: string;
}

export interface OrderResult {
  orderId: string;
  status: 'confirmed';
}

/** The payment provider refused the charge. */
export class PaymentDeclined extends Error {
  override name = 'PaymentDeclined';
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Charges the card and stores the order. */
export async function submitOrder(order: Order): Promise<OrderResult> {
  await wait(3);
  if (order.card === 'tok_issuer_down') throw new PaymentDeclined('card issuer could not be reached');
  if (order.card === 'tok_slow_gateway') {
    // The legacy gateway client rejects with a bare string, not an Error.
    return Promise.reject('gateway timeout');
  }
  return { orderId: order.id, status: 'confirmed' };
}
