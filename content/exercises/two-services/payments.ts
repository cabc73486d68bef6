// payment-service's business logic. A short wait stands in for the card network. It tells the
// sandbox which payment it really made (`observe()`), so the checks know it.
import { observe } from '@course/sandbox';

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface PaymentRequest {
  orderId: string;
  amount: number;
}

export async function chargeCard(payment: PaymentRequest): Promise<string> {
  await wait(3);
  const paymentId = `pay_${payment.orderId}_${payment.amount}`;
  observe('card charged', paymentId);
  return paymentId;
}
