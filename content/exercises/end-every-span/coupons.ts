// The coupon store. Short waits stand in for a call to the promotions service.
import { input, work } from '@course/sandbox';

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

/** The codes the scenario tries: one valid, one expired, one on the flash-sale shard. */
export interface TodaysCodes {
  valid: string;
  percentOff: number;
  expired: string;
  flash: string;
}

// Graded, the scenario also runs once more with other codes and another discount, which you do
// not see: read them from the coupon, not from this file.
export const codes: TodaysCodes = input('coupons', { valid: 'WELCOME10', percentOff: 10, expired: 'SUMMER24', flash: 'FLASH50' }, (random) => {
  const percentOff = random.int(11, 60);
  return { valid: `WELCOME${percentOff}`, percentOff, expired: `SUMMER${random.int(19, 23)}`, flash: `FLASH${random.int(11, 99)}` };
});

const TODAY = '2026-11-25';
const COUPONS: Coupon[] = [
  { code: codes.valid, percentOff: codes.percentOff, validUntil: '2026-12-31' },
  { code: codes.expired, percentOff: 20, validUntil: `20${codes.expired.slice(-2)}-08-31` },
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
