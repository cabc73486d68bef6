// The checkout service's code. Like all application code it uses the OpenTelemetry API only:
// what happens to its spans is decided by the set-up in tracing.ts.
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { fetch } from '@course/sandbox';

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function handleCheckout(orderId: string): Promise<void> {
  // Asked for per request because the scenario starts the service twice in one run; a service
  // that starts once can keep one tracer in a module-level constant.
  const tracer = trace.getTracer('checkout', '1.4.0');
  await tracer.startActiveSpan('POST /checkout', { kind: SpanKind.SERVER, attributes: { 'order.id': orderId } }, async (span) => {
    try {
      await tracer.startActiveSpan('reserve stock', async (reserve) => {
        try {
          await wait(2);
        } finally {
          reserve.end();
        }
      });
      await tracer.startActiveSpan('POST payments', { kind: SpanKind.CLIENT }, async (call) => {
        try {
          // The propagator writes traceparent (and baggage) into the headers.
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          propagation.inject(context.active(), headers);
          const response = await fetch('http://payments.sandbox/charges', { method: 'POST', headers, body: JSON.stringify({ orderId }) });
          call.setAttribute('http.response.status_code', response.status);
        } finally {
          call.end();
        }
      });
    } finally {
      span.end();
    }
  });
}
