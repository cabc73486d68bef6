import { applyDiscount } from './discount.js';
import type { Cart } from './coupons.js';

const cart: Cart = { items: [{ sku: 'tee-s', price: 19.5 }, { sku: 'mug', price: 12 }] };

// A valid coupon, a code that does not exist, and a coupon that has expired.
export async function main(): Promise<void> {
  for (const code of ['WELCOME10', 'NOSUCHCODE', 'SUMMER24']) {
    try {
      console.log(`${code}: total ${await applyDiscount(cart, code)}`);
    } catch (err) {
      console.log(`${code}: rejected, ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    }
  }
}
