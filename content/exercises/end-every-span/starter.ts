import { trace } from '@opentelemetry/api';
import { isExpired, lookUpCoupon, type Cart } from './coupons.js';

const tracer = trace.getTracer('checkout-service', '1.4.0');

/** The cart's total after the coupon `code`; an unknown or expired code gives no discount. */
export function applyDiscount(cart: Cart, code: string): Promise<number> {
  return tracer.startActiveSpan('apply discount', { attributes: { 'discount.code': code } }, async (span) => {
    const subtotal = cart.items.reduce((sum, item) => sum + item.price, 0);
    const coupon = await lookUpCoupon(code);
    if (!coupon || isExpired(coupon)) {
      span.setAttribute('discount.valid', false);
      return subtotal;
    }

    span.setAttributes({ 'discount.valid': true, 'discount.percent_off': coupon.percentOff });
    span.end();
    return Math.round(subtotal * (100 - coupon.percentOff)) / 100;
  });
}
