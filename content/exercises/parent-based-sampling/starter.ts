import { trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOnSampler, BasicTracerProvider, ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'checkout-api' }),
  // The development setting: record every trace.
  // TODO: keep 25% of new traces, and follow the caller's decision for the others.
  sampler: new AlwaysOnSampler(),
});

trace.setGlobalTracerProvider(provider);

// Used once you change the sampler.
void [ParentBasedSampler, TraceIdRatioBasedSampler];
