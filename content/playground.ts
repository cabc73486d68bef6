import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

// Set-up first, as a service does before it starts spans: a tracer provider (the sandbox adds
// its own processor to it, to show the spans), and a context manager, so that the active span
// survives `await`. Without the context manager every span would be a root.
trace.setGlobalTracerProvider(new TracerProvider({ resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'checkout-service' }) }));
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

// The checkout flow of lesson 1, with waits standing in for real work: a tenth of the lesson's
// timings, so the Stripe call is the bottleneck here too.
const tracer = trace.getTracer('checkout-service', '1.0.0');
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function step<T>(name: string, ms: number, work?: () => Promise<T>): Promise<T | undefined> {
  return tracer.startActiveSpan(name, async (span) => {
    try {
      await wait(ms);
      return await work?.();
    } finally {
      span.end();
    }
  });
}

export async function main(): Promise<void> {
  await tracer.startActiveSpan('POST /checkout', { kind: SpanKind.SERVER }, async (span) => {
    try {
      span.setAttributes({ 'http.request.method': 'POST', 'order.id': 'ord_1042', 'order.items_count': 3 });
      await step('auth middleware', 1.2);
      await step('validate cart', 0.8);
      await step('charge payment', 0.5, () =>
        tracer.startActiveSpan('stripe api call', { kind: SpanKind.CLIENT }, async (call) => {
          await wait(37.5);
          call.setAttribute('server.address', 'api.stripe.com');
          call.end();
        }),
      );
      await step('save order to db', 1.5);
      span.setStatus({ code: SpanStatusCode.OK });
    } finally {
      span.end();
    }
  });
  console.log('checkout finished');
}
