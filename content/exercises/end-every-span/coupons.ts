// The coupon store. Short waits stand in for a call to the promotions service.

export interface Cart {
  items: Array<{ sku: string; price: number }>;
}

export interface Coupon {
  code: string;
  percentOff: number;
  /** Last day the coupon is valid, `YYYY-MM-DD`. */
  validUntil: string;
}

/** The coupon exists but can no longer be used. */
export class CouponExpired extends Error {
  override name = 'CouponExpired';
}

const TODAY = '2026-11-25';
const COUPONS: Coupon[] = [
  { code: 'WELCOME10', percentOff: 10, validUntil: '2026-12-31' },
  { code: 'SUMMER24', percentOff: 20, validUntil: '2024-08-31' },
];

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The coupon with this code, or undefined when there is none. */
export async function lookUpCoupon(code: string): Promise<Coupon | undefined> {
  await wait(2);
  return COUPONS.find((c) => c.code === code);
}

/** Throws CouponExpired when the coupon's last day has passed. */
export function ensureNotExpired(coupon: Coupon): void {
  if (coupon.validUntil < TODAY) throw new CouponExpired(`coupon ${coupon.code} expired on ${coupon.validUntil}`);
}
