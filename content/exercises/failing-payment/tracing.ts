// Tracing set-up of checkout-service. It runs before any other module (the scenario imports it first,
// as `node --import ./tracing.js server.js` would), and registers the two things this program needs.
// In a real service, NodeSDK (`@opentelemetry/sdk-node`) registers the same for you.
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

// The tracer provider: from now on every `trace.getTracer()` uses it. It has no exporter here,
// because the sandbox adds its own processor to every provider to show you the spans; a service
// would pass `spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })]`.
trace.setGlobalTracerProvider(new TracerProvider({ resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'checkout-service' }) }));

// The context manager: it keeps the active span across `await`, so that spans started inside
// `startActiveSpan` get their parent. Without it, every span would be the root of its own trace.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
