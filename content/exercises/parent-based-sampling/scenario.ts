import './tracing.js'; // registers checkout-api's tracer provider before anything runs
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { RandomIdGenerator } from '@opentelemetry/sdk-trace';
import { fetch, input, serve, type SandboxResponseInit } from '@course/sandbox';

const tracer = trace.getTracer('checkout-api');

/** checkout-api's handler: extracts the caller's context, if any, as the HTTP instrumentation would. */
function handleProducts(headers: Record<string, string>): Promise<SandboxResponseInit> {
  const parent = propagation.extract(context.active(), headers);
  return tracer.startActiveSpan('GET /products', { kind: SpanKind.SERVER }, parent, async (span) => {
    try {
      await tracer.startActiveSpan('SELECT products', { kind: SpanKind.CLIENT }, async (query) => query.end());
      return { status: 200, body: [] };
    } finally {
      span.end();
    }
  });
}

/** A traceparent from the api-gateway, which has already made its sampling decision. */
const ids = new RandomIdGenerator();
const gatewayTraceparent = (sampled: boolean) => `00-${ids.generateTraceId()}-${ids.generateSpanId()}-${sampled ? '01' : '00'}`;

// Graded, the scenario also runs once more with another number of browser requests, and with the
// api-gateway sampling other requests, which you do not see.
const browserRequests = input('browser requests', 400, (random) => random.pick([320, 360, 440, 480]));
/** The api-gateway's decisions, one per request in the order it sends them: `1` sampled, `0` not. */
const gateway = input('gateway requests', { sampled: 12, flags: '10'.repeat(12) }, (random) => {
  const sampled = random.pick([6, 8, 9, 10, 14, 15, 16, 18]);
  const flags: string[] = Array.from({ length: 24 }, (_, i) => (i < sampled ? '1' : '0'));
  for (let i = flags.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [flags[i], flags[j]] = [flags[j]!, flags[i]!];
  }
  return { sampled, flags: flags.join('') };
});

export async function main(): Promise<void> {
  // 400 requests straight from browsers: no traceparent, so each one starts a new trace.
  // (Handed to the handler directly, without HTTP, to keep the run short.)
  for (let i = 0; i < browserRequests; i++) await handleProducts({});

  // 24 requests over HTTP from the api-gateway, one after another: 12 it sampled (flags 01),
  // 12 it did not (00).
  await serve('checkout-api', (request) => handleProducts(request.headers));
  const url = 'http://checkout-api.sandbox/products';
  for (const flag of gateway.flags) await fetch(url, { headers: { traceparent: gatewayTraceparent(flag === '1') } });
}
