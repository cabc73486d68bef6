import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ConsoleSpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_DEPLOYMENT_ENVIRONMENT_NAME, ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

// This file runs before the rest of the service (the scenario imports it first).

// TODO: create a TracerProvider whose resource describes checkout-service 1.4.0 in staging,
// and whose span processor prints every span with a ConsoleSpanExporter. Then register the
// three things a manual set-up needs: the provider, a context manager and the propagators.

/** The tracer of the checkout code (see shop.ts). */
export const tracer = trace.getTracer('checkout');

// Used once you set up tracing.
void [context, propagation, AsyncLocalStorageContextManager, CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator];
void [resourceFromAttributes, ConsoleSpanExporter, SimpleSpanProcessor, TracerProvider, ATTR_DEPLOYMENT_ENVIRONMENT_NAME, ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION];
