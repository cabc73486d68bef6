import './tracing.js'; // the program's tracing set-up, first
import { observe } from '@course/sandbox';
import { applyDiscount } from './discount.js';
import { codes, type Cart } from './coupons.js';

const cart: Cart = { items: [{ sku: 'tee-s', price: 19.5 }, { sku: 'mug', price: 12 }] };

// A valid coupon, a coupon that has expired, and a flash-sale code the promotions service
// cannot look up today.
export async function main(): Promise<void> {
  for (const code of [codes.valid, codes.expired, codes.flash]) {
    try {
      const total = await applyDiscount(cart, code);
      observe(code, { total });
      console.log(`${code}: total ${total}`);
    } catch (err) {
      observe(code, { rejected: err instanceof Error ? err.name : String(err) });
      console.log(`${code}: rejected, ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    }
  }
}
