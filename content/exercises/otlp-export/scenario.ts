import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { OtlpJsonExporter } from './exporter.js';

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function main(): Promise<void> {
  // shop-api sends its spans through a batch processor and your OTLP/JSON body to the collector.
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'shop-api', [ATTR_SERVICE_VERSION]: '2.1.0', 'deployment.environment.name': 'production' }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OtlpJsonExporter() })],
  });
  // Two instrumentation scopes: the service's own tracer and a database client library's.
  const tracer = provider.getTracer('shop-api', '2.1.0');
  const pg = provider.getTracer('@course/pg-client', '0.9.0');

  // The parent is passed explicitly (no context manager is registered in this program).
  const request = tracer.startSpan(
    'GET /orders/:id',
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'GET', 'http.route': '/orders/:id', 'http.response.status_code': 200 } },
    ROOT_CONTEXT,
  );
  const inRequest = trace.setSpan(ROOT_CONTEXT, request);

  const query = pg.startSpan('SELECT orders', { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.response.returned_rows': 1 } }, inRequest);
  await wait(2);
  query.end();

  const recommend = tracer.startSpan('GET /recommendations', { kind: SpanKind.CLIENT, attributes: { 'server.address': 'recommender.internal' } }, inRequest);
  recommend.addEvent('retry', { 'retry.attempt': 1, 'retry.backoff_s': 0.25 });
  await wait(1);
  recommend.setStatus({ code: SpanStatusCode.ERROR, message: 'recommender timed out' });
  recommend.end();

  const render = tracer.startSpan('render order', { attributes: { 'order.items': ['tee-s', 'mug'], 'order.gift': false } }, inRequest);
  render.end();
  const publish = tracer.startSpan('order.viewed publish', { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'send' } }, inRequest);
  publish.end();
  request.end();

  // Exports everything queued in one request, then stops the processor.
  await provider.shutdown().catch((error: unknown) => console.error(`the export failed: ${String(error)}`));
}
