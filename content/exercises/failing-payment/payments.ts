// The order pipeline and the payment provider's errors. Short waits stand in for real calls.
// `submitOrder` tells the sandbox what it did and when (`work()`), so the checks can see which
// span was active while it ran.
import { input, work } from '@course/sandbox';

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
  /** `declined`: the card issuer refused the charge, an everyday answer; the shopper can try another card. */
  status: 'confirmed' | 'declined';
  /** Why the issuer refused, when it did, e.g. `insufficient_funds`. */
  declineReason?: string;
}

/** The payment gateway could not process the charge at all (a network or gateway failure). */
export class PaymentGatewayError extends Error {
  override name = 'PaymentGatewayError';
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Graded, the scenario also runs once more with other gateway answers (and other orders), which
// you do not see: report the error the gateway gave, not the one written here.
const gatewayFailure = input('gateway failure', 'card issuer could not be reached', (random) => `card issuer ${random.pick(['northbank', 'aurora', 'kestrel'])} could not be reached`);
const gatewayRejection = input('gateway rejection', 'gateway timeout', (random) => random.pick(['gateway unavailable', 'upstream connect error', 'gateway overloaded']));

/** Charges the card and stores the order; a declined card is an answer, not an exception. */
export function submitOrder(order: Order): Promise<OrderResult> {
  return work('submitOrder', async (): Promise<OrderResult> => {
    await wait(15);
    if (order.card === 'tok_insufficient_funds') return { orderId: order.id, status: 'declined', declineReason: 'insufficient_funds' };
    if (order.card === 'tok_issuer_down') throw new PaymentGatewayError(gatewayFailure);
    if (order.card === 'tok_slow_gateway') {
      // The legacy gateway client rejects with a bare string, not an Error.
      return Promise.reject(gatewayRejection);
    }
    return { orderId: order.id, status: 'confirmed' };
  });
}
