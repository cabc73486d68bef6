// Two services in one program. In production each would be its own process with its own SDK;
// here each gets its own tracer provider, with its own service.name, so the trace really
// crosses from one service to the other. The scenario imports this file first, as
// `node --import ./tracing.js server.js` would load it.
import { context, propagation } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

const checkoutProvider = new TracerProvider({
  resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'checkout-service' }),
});
const paymentProvider = new TracerProvider({
  resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'payment-service' }),
});

// What each service's SDK would register at start-up (NodeSDK does both for you):
// the context manager keeps the active span across `await`, and the W3C propagators are what
// `propagation.inject` writes (traceparent, baggage) and `extract` reads. Without the
// propagators, inject writes nothing and the trace breaks at the service boundary.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));

/** Use in checkout-service's code. */
export const checkoutTracer = checkoutProvider.getTracer('checkout-service');
/** Use in payment-service's code. */
export const paymentTracer = paymentProvider.getTracer('payment-service');
