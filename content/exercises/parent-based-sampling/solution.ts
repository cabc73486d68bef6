import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

const provider = new TracerProvider({
  resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'checkout-api' }),
  // Root spans (no traceparent): keep 25%, decided from the trace id.
  // Every other span follows its parent's sampled flag, remote or local.
  sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(0.25) }),
});

trace.setGlobalTracerProvider(provider);
// The rest of checkout-api's set-up: the context manager keeps the request's span active across
// `await` (so the query is its child), and the propagator reads the caller's traceparent.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
