import { trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'checkout-api' }),
  // Root spans (no traceparent): keep 25%, decided from the trace id.
  // Every other span follows its parent's sampled flag, remote or local.
  sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(0.25) }),
});

trace.setGlobalTracerProvider(provider);
