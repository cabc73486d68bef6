// The coupon store. Short waits stand in for a call to the promotions service.
import { work } from '@course/sandbox';

export interface Cart {
  items: Array<{ sku: string; price: number }>;
}

export interface Coupon {
  code: string;
  percentOff: number;
  /** Last day the coupon is valid, `YYYY-MM-DD`. */
  validUntil: string;
}

/** The promotions service did not answer: nobody can tell whether the code is valid. */
export class PromotionsUnavailable extends Error {
  override name = 'PromotionsUnavailable';
}

const TODAY = '2026-11-25';
const COUPONS: Coupon[] = [
  { code: 'WELCOME10', percentOff: 10, validUntil: '2026-12-31' },
  { code: 'SUMMER24', percentOff: 20, validUntil: '2024-08-31' },
];

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The coupon with this code, or undefined when there is none. Flash-sale codes (`FLASH...`)
 * live on the promotions service's flash-sale shard, which is down today: looking one up throws
 * PromotionsUnavailable.
 */
export function lookUpCoupon(code: string): Promise<Coupon | undefined> {
  // `work()` tells the sandbox what ran and when, so the checks can see which span was active.
  return work('lookUpCoupon', async () => {
    await wait(15);
    if (code.startsWith('FLASH')) throw new PromotionsUnavailable('promotions service did not answer within 2000 ms');
    return COUPONS.find((c) => c.code === code);
  });
}

/** Whether the coupon's last day has passed: an expected answer, not a failure. */
export function isExpired(coupon: Coupon): boolean {
  return coupon.validUntil < TODAY;
}
