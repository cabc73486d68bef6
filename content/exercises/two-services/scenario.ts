import './tracing.js'; // both services' tracing set-up, first
import { SpanKind } from '@opentelemetry/api';
import { serve } from '@course/sandbox';
import { handlePayment, requestPayment } from './services.js';
import { checkoutTracer } from './tracing.js';

export async function main(): Promise<void> {
  // payment-service listens at http://payments.sandbox.
  await serve('payments', handlePayment);

  // A shopper checks out: checkout-service handles POST /checkout and calls payment-service.
  await checkoutTracer.startActiveSpan('POST /checkout', { kind: SpanKind.SERVER }, async (span) => {
    try {
      const paymentId = await requestPayment({ orderId: 'ord_1042', amount: 4999 });
      console.log(`order ord_1042 paid: ${paymentId}`);
    } finally {
      span.end();
    }
  });
}
