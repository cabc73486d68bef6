import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

// Set-up first, as a service does: a tracer provider (the sandbox adds its own processor to show
// the spans) and a context manager, so that the active span survives `await`.
trace.setGlobalTracerProvider(new TracerProvider({ resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'report-service' }) }));
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

// A request handled in three steps, one of them a call to another service. Change the waits,
// add attributes or events, throw an error, and press Run to see the trace change.
const tracer = trace.getTracer('playground', '1.0.0');
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function step(name: string, ms: number, kind: SpanKind = SpanKind.INTERNAL): Promise<void> {
  await tracer.startActiveSpan(name, { kind }, async (span) => {
    try {
      await wait(ms);
    } finally {
      span.end();
    }
  });
}

export async function main(): Promise<void> {
  await tracer.startActiveSpan('GET /report', { kind: SpanKind.SERVER }, async (span) => {
    try {
      span.setAttributes({ 'http.request.method': 'GET', 'report.id': 'rep_7' });
      await step('load settings', 2);
      await step('fetch data', 12, SpanKind.CLIENT);
      await step('render report', 4);
      span.addEvent('report ready', { 'report.rows': 120 });
      span.setStatus({ code: SpanStatusCode.OK });
    } finally {
      span.end();
    }
  });
  console.log('report rendered');
}
