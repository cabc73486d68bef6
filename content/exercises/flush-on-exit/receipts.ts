// What the job does. Short waits stand in for the database and the mail service.

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Orders placed today whose receipt has not been sent yet. */
export async function pendingOrders(): Promise<string[]> {
  await wait(2);
  return ['ord_1042', 'ord_1043', 'ord_1044'];
}

export async function sendReceipt(orderId: string): Promise<void> {
  await wait(3);
  void orderId;
}
