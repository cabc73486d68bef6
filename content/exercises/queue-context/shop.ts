// The work on both sides of the queue. Short waits stand in for real work.

export interface Order {
  id: string;
  total: number;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** email-service: sends the receipt for an order. */
export async function sendReceipt(order: Order): Promise<void> {
  await wait(3);
  void order;
}
