// What the job does. Short waits stand in for the database and the mail service. Both tell the
// sandbox what they did (`input()`, `observe()`), so the checks know which receipts really went out.
import { input, observe } from '@course/sandbox';

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Orders placed today whose receipt has not been sent yet. */
export async function pendingOrders(): Promise<string[]> {
  await wait(2);
  // Graded, the job also runs once more on other orders, which you do not see.
  return input('pending orders', ['ord_1042', 'ord_1043', 'ord_1044'], (random) => {
    const first = random.int(2000, 9990);
    return Array.from({ length: random.int(2, 6) }, (_, i) => `ord_${first + i}`);
  });
}

const sent: string[] = [];

export async function sendReceipt(orderId: string): Promise<void> {
  await wait(3);
  sent.push(orderId);
  observe('receipts sent', [...sent]);
}
