import { trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, ConsoleSpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

// This file runs before the rest of the service (the scenario imports it first).

const provider = new BasicTracerProvider({
  // Describes the process: every span this provider creates carries these attributes.
  resource: resourceFromAttributes({
    [ATTR_SERVICE_NAME]: 'checkout-service',
    [ATTR_SERVICE_VERSION]: '1.4.0',
    'deployment.environment.name': 'staging',
  }),
  // Development: print each span the moment it ends.
  spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())],
});

// BasicTracerProvider has no register() in SDK 2.x: set the global provider yourself, before
// any code starts a span. Tracers obtained from `trace.getTracer` delegate to it from now on.
trace.setGlobalTracerProvider(provider);

/** The tracer of the checkout code (see shop.ts): its name and version are the spans' instrumentation scope. */
export const tracer = trace.getTracer('checkout', '1.4.0');
