import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

type ProviderConfig = { spanProcessors?: SpanProcessor[] } & Record<string, unknown>;
type ProviderClass = new (config?: ProviderConfig) => object;

const PROVIDER_CLASSES = ['BasicTracerProvider', 'WebTracerProvider', 'NodeTracerProvider'];

/** A provider class whose instances always also send their spans to `processor`. */
function withCapture(Base: ProviderClass, processor: SpanProcessor): ProviderClass {
  const Captured = class extends Base {
    constructor(config: ProviderConfig = {}) {
      super({ ...config, spanProcessors: [...(config.spanProcessors ?? []), processor] });
    }
  };
  Object.defineProperty(Captured, 'name', { value: Base.name });
  return Captured;
}

/**
 * The packages as learner code sees them. Every tracer provider a program creates, with its own
 * resource, sampler and exporters, also feeds the harness's capture processor: so a program
 * that sets up two services, or configures its own sampler, is captured exactly as it runs.
 */
export function packagesWithCapture(packages: Record<string, object>, processor: SpanProcessor): Record<string, object> {
  const wrapped = new Map<unknown, ProviderClass>();
  const result: Record<string, object> = {};
  for (const [name, module] of Object.entries(packages)) {
    const copy: Record<string, unknown> = { ...module };
    for (const cls of PROVIDER_CLASSES) {
      const Base = copy[cls];
      if (typeof Base !== 'function') continue;
      if (!wrapped.has(Base)) wrapped.set(Base, withCapture(Base as ProviderClass, processor));
      copy[cls] = wrapped.get(Base);
    }
    result[name] = Object.freeze(copy);
  }
  return result;
}
