import { SpanStatusCode, trace } from '@opentelemetry/api';
import { isExpired, lookUpCoupon, type Cart } from './coupons.js';

const tracer = trace.getTracer('checkout-service', '1.4.0');

/** The cart's total after the coupon `code`; an unknown or expired code gives no discount. */
export function applyDiscount(cart: Cart, code: string): Promise<number> {
  return tracer.startActiveSpan('apply discount', { attributes: { 'discount.code': code } }, async (span) => {
    try {
      const subtotal = cart.items.reduce((sum, item) => sum + item.price, 0);
      const coupon = await lookUpCoupon(code);
      if (!coupon || isExpired(coupon)) {
        // An expected answer: no discount. Not an error, and `finally` still ends the span.
        span.setAttribute('discount.valid', false);
        return subtotal;
      }

      span.setAttributes({ 'discount.valid': true, 'discount.percent_off': coupon.percentOff });
      return Math.round(subtotal * (100 - coupon.percentOff)) / 100;
    } catch (err) {
      // The lookup itself failed: the operation could not do its job.
      span.recordException(err instanceof Error ? err : String(err));
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
      throw err;
    } finally {
      // Runs on every path: the return above, the early return, and a thrown error.
      span.end();
    }
  });
}
