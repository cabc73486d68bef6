import type { SpanProcessor } from '@opentelemetry/sdk-trace';

type ProviderConfig = { spanProcessors?: SpanProcessor[] } & Record<string, unknown>;
type ProviderClass = new (config?: ProviderConfig) => object;

const PROVIDER_CLASSES = ['TracerProvider', 'BasicTracerProvider', 'WebTracerProvider', 'NodeTracerProvider'];

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
 * The prototypes of the spans the SDK's providers make, found by starting one span with each
 * provider class before learner code runs: what a genuine span looks like to the capture.
 */
export function sdkSpanPrototypes(packages: Record<string, object>): Set<object> {
  const prototypes = new Set<object>();
  for (const module of Object.values(packages)) {
    for (const cls of PROVIDER_CLASSES) {
      const Base = (module as Record<string, unknown>)[cls];
      if (typeof Base !== 'function') continue;
      const provider = new (Base as ProviderClass)() as { getTracer(name: string): { startSpan(name: string): object } };
      prototypes.add(Object.getPrototypeOf(provider.getTracer('course-probe').startSpan('probe')) as object);
    }
  }
  return prototypes;
}

interface TraceApi {
  setGlobalTracerProvider(provider: unknown): boolean;
}

/**
 * `trace` of the API as programs see it: registering a second global provider is silently
 * ignored by OpenTelemetry, which leaves learners wondering where their spans went; here it
 * also prints why.
 */
function traceWithWarning(trace: TraceApi): TraceApi {
  const wrapped = Object.create(trace) as TraceApi;
  wrapped.setGlobalTracerProvider = (provider: unknown) => {
    const registered = trace.setGlobalTracerProvider(provider);
    if (!registered) {
      console.warn(
        'trace.setGlobalTracerProvider() did nothing: a tracer provider was already registered, by an earlier call in this program. Register one provider, once, at the top level of your setup file.',
      );
    }
    return registered;
  };
  return Object.freeze(wrapped);
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
    if (name === '@opentelemetry/api' && copy.trace) copy.trace = traceWithWarning(copy.trace as TraceApi);
    result[name] = Object.freeze(copy);
  }
  return result;
}
