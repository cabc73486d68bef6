// payment-service's business logic. A short wait stands in for the card network.

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface PaymentRequest {
  orderId: string;
  amount: number;
}

export async function chargeCard(payment: PaymentRequest): Promise<string> {
  await wait(3);
  return `pay_${payment.orderId}_${payment.amount}`;
}
