import type { SpanProcessor } from '@opentelemetry/sdk-trace';

type ProviderConfig = { spanProcessors?: SpanProcessor[] } & Record<string, unknown>;
type ProviderClass = new (config?: ProviderConfig) => object;

interface WatchedSpan {
  spanContext(): { spanId: string };
  end(time?: unknown): void;
}
interface WatchedTracer {
  startSpan(name: string, options?: { startTime?: unknown }, context?: unknown): WatchedSpan;
}
interface TracerSource {
  getTracer(name: string, version?: string, options?: unknown): WatchedTracer;
}

/**
 * Where the harness learns how a span was started and ended: through the tracer's API, and with a
 * time the program passed (`startTime`, `end(time)`) or without.
 */
export interface ExplicitTimes {
  (spanId: string, which: 'start' | 'end', explicit: boolean): void;
}

/**
 * A tracer whose spans report a `startTime` or an `end(time)` the program passed. The SDK's
 * `startActiveSpan` calls `this.startSpan`, so it goes through here too.
 */
function watchedTracer(tracer: WatchedTracer, explicit: ExplicitTimes): WatchedTracer {
  const watched = Object.create(tracer) as WatchedTracer;
  watched.startSpan = (name, options, context) => {
    const span = tracer.startSpan.call(watched, name, options, context);
    const { spanId } = span.spanContext();
    explicit(spanId, 'start', options?.startTime !== undefined);
    const end = span.end;
    span.end = (time?: unknown) => {
      explicit(spanId, 'end', time !== undefined);
      end.call(span, time);
    };
    return span;
  };
  return watched;
}

const PROVIDER_CLASSES = ['TracerProvider', 'BasicTracerProvider', 'WebTracerProvider', 'NodeTracerProvider'];

/**
 * A provider class whose instances always also send their spans to `processor`, first: the
 * capture processor notes when it saw each span start and end, which the program's own
 * processors (a console exporter printing a span) must not delay.
 */
function withCapture(Base: ProviderClass, processor: SpanProcessor, explicit: ExplicitTimes): ProviderClass {
  const Captured = class extends Base {
    constructor(config: ProviderConfig = {}) {
      super({ ...config, spanProcessors: [processor, ...(config.spanProcessors ?? [])] });
    }
    getTracer(name: string, version?: string, options?: unknown): WatchedTracer {
      return watchedTracer((Base.prototype as unknown as TracerSource).getTracer.call(this, name, version, options), explicit);
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
  disable(): void;
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
  // `disable` replaces the API's own proxy provider on `this`, which must be the API, not this frozen view.
  wrapped.disable = () => trace.disable();
  return Object.freeze(wrapped);
}

/**
 * The packages as learner code sees them. Every tracer provider a program creates, with its own
 * resource, sampler and exporters, also feeds the harness's capture processor: so a program
 * that sets up two services, or configures its own sampler, is captured exactly as it runs.
 */
export function packagesWithCapture(packages: Record<string, object>, processor: SpanProcessor, explicit: ExplicitTimes = () => undefined): Record<string, object> {
  const wrapped = new Map<unknown, ProviderClass>();
  const result: Record<string, object> = {};
  for (const [name, module] of Object.entries(packages)) {
    // A frozen module with nothing to wrap is handed over as it is: copying one with thousands
    // of exports (semantic conventions) on every run costs milliseconds and protects nothing more.
    if (name !== '@opentelemetry/api' && Object.isFrozen(module) && !PROVIDER_CLASSES.some((cls) => typeof (module as Record<string, unknown>)[cls] === 'function')) {
      result[name] = module;
      continue;
    }
    const copy: Record<string, unknown> = { ...module };
    for (const cls of PROVIDER_CLASSES) {
      const Base = copy[cls];
      if (typeof Base !== 'function') continue;
      if (!wrapped.has(Base)) wrapped.set(Base, withCapture(Base as ProviderClass, processor, explicit));
      copy[cls] = wrapped.get(Base);
    }
    if (name === '@opentelemetry/api' && copy.trace) copy.trace = traceWithWarning(copy.trace as TraceApi);
    result[name] = Object.freeze(copy);
  }
  return result;
}
