import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { collectorUrl, serve } from '@course/sandbox';
import { OtlpJsonExporter } from './exporter.js';

const wait = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms));

export async function main(): Promise<void> {
  // shop-api exports every span as it ends to the sandbox's collector, through your exporter.
  // (The in-memory exporter only keeps a copy for the tests below.)
  const copies = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'shop-api' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter: new OtlpJsonExporter(collectorUrl) }), new SimpleSpanProcessor({ exporter: copies })],
  });
  const tracer = provider.getTracer('shop-api');
  // The parent is passed explicitly (no context manager is registered in this program).
  const span = tracer.startSpan('GET /orders/:id', { kind: SpanKind.SERVER }, ROOT_CONTEXT);
  const inRequest = trace.setSpan(ROOT_CONTEXT, span);
  const query = tracer.startSpan('SELECT orders', { kind: SpanKind.CLIENT }, inRequest);
  await wait(2);
  query.end();
  tracer.startSpan('render order', {}, inRequest).end();
  span.end();
  // forceFlush waits for the exports in progress, and rejects when one of them failed.
  const flushed = provider.forceFlush().then(
    () => 'done',
    (error: unknown) => `an export failed (${String(error)})`,
  );
  console.log(`forceFlush: ${(await Promise.race([flushed, wait(1000)])) ?? 'not done within 1 s: does export() always call resultCallback?'}`);

  // What does the exporter report? Once to the collector, and twice to backends that refuse.
  await serve('backend-down', () => ({ status: 503, body: 'Service Unavailable' }));
  const targets = [collectorUrl, `${collectorUrl}/otlp`, 'http://backend-down.sandbox'];
  for (const url of targets) {
    const exporter = new OtlpJsonExporter(url);
    const result = await Promise.race([new Promise<ExportResult>((resolve) => exporter.export(copies.getFinishedSpans(), resolve)), wait(1000)]);
    console.log(`export to ${url}: ${result ? ExportResultCode[result.code] : 'no result within 1 s'}`);
  }
}
