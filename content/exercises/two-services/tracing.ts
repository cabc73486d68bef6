// Two services in one program. In production each would be its own process with its own SDK;
// here each gets its own tracer provider, with its own service.name, so the trace really
// crosses from one service to the other.
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

const checkoutProvider = new BasicTracerProvider({
  resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'checkout-service' }),
});
const paymentProvider = new BasicTracerProvider({
  resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'payment-service' }),
});

/** Use in checkout-service's code. */
export const checkoutTracer = checkoutProvider.getTracer('checkout-service');
/** Use in payment-service's code. */
export const paymentTracer = paymentProvider.getTracer('payment-service');
