import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ConsoleSpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_DEPLOYMENT_ENVIRONMENT_NAME, ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

// This file runs before the rest of the service (the scenario imports it first).

const provider = new TracerProvider({
  // Describes the process: every span this provider creates carries these attributes.
  resource: resourceFromAttributes({
    [ATTR_SERVICE_NAME]: 'checkout-service',
    [ATTR_SERVICE_VERSION]: '1.4.0',
    [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: 'staging',
  }),
  // Development: print each span the moment it ends.
  spanProcessors: [new SimpleSpanProcessor({ exporter: new ConsoleSpanExporter() })],
});

// TracerProvider has no register(): a manual set-up registers three things itself, before any
// code starts a span (NodeSDK does all three for you).
// 1. The provider: tracers from `trace.getTracer` delegate to it from now on.
trace.setGlobalTracerProvider(provider);
// 2. The context manager: keeps the active span across `await`; without it every span is a root.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
// 3. The propagators: what `propagation.inject` and `extract` write and read (traceparent, baggage).
propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));

/** The tracer of the checkout code (see shop.ts): its name and version are the spans' instrumentation scope. */
export const tracer = trace.getTracer('checkout', '1.4.0');
