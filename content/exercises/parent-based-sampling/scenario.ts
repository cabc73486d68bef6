import './tracing.js'; // registers checkout-api's tracer provider before anything runs
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { RandomIdGenerator } from '@opentelemetry/sdk-trace';
import { fetch, serve, type SandboxResponseInit } from '@course/sandbox';

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

export async function main(): Promise<void> {
  // 400 requests straight from browsers: no traceparent, so each one starts a new trace.
  // (Handed to the handler directly, without HTTP, to keep the run short.)
  for (let i = 0; i < 400; i++) await handleProducts({});

  // 24 requests over HTTP from the api-gateway: 12 it sampled (flags 01), 12 it did not (00).
  await serve('checkout-api', (request) => handleProducts(request.headers));
  const url = 'http://checkout-api.sandbox/products';
  await Promise.all(Array.from({ length: 24 }, (_, i) => fetch(url, { headers: { traceparent: gatewayTraceparent(i % 2 === 0) } })));
}
