import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { defaultResource, detectResources, envDetector } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { OTLPTraceExporter } from './otlp-exporter.js';

export interface Tracing {
  /** Exports the spans still queued, then stops: call it before the process exits. */
  shutdown(): Promise<void>;
}

/** Starts tracing for this process, configured by its OTEL_* environment. Call it before anything else. */
export function startTracing(): Tracing {
  const provider = new TracerProvider({
    // The SDK's own attributes (telemetry.sdk.*), then what the deployment says:
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, read by the env detector.
    resource: defaultResource().merge(detectResources({ detectors: [envDetector] })),
    // No `url`: the exporter takes OTEL_EXPORTER_OTLP_ENDPOINT and appends /v1/traces.
    // The batch processor sends spans in groups, in the background.
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })],
  });

  // The three registrations a set-up by hand needs (NodeSDK's start() makes the same three).
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));

  // Shutting the provider down flushes every processor: the queued spans go out before the exit.
  return { shutdown: () => provider.shutdown() };
}
