import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { input, observe, serve } from '@course/sandbox';
import { exporterSettingsFromEnv } from './config.js';
import { OtlpJsonExporter } from './exporter.js';

export async function main(): Promise<void> {
  // The keys and the Grafana path of this run. (Graded, the scenario also runs once more with
  // other keys and another path, which you do not see.)
  const apiKey = input('honeycomb key', 'secret', (random) => random.word(12));
  const grafanaPath = input('grafana path', '/otlp/v1/traces', (random) => `/${random.word(6)}/v1/traces`);
  const token = input('grafana token', 'c2hvcDp0b2tlbg==', (random) => btoa(`shop:${random.word(8)}`));

  // The same service, deployed three times with a different environment each time.
  const deployments: Array<{ backend: string; env: Record<string, string | undefined> }> = [
    {
      backend: 'the local collector',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector.sandbox:4318' },
    },
    {
      backend: 'Honeycomb',
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://honeycomb.sandbox/',
        OTEL_EXPORTER_OTLP_HEADERS: `x-honeycomb-team=${apiKey}`,
        OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
      },
    },
    {
      // A base image still sets the general endpoint; the traces endpoint is set for this deployment.
      backend: 'Grafana Cloud',
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector.sandbox:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://grafana.sandbox${grafanaPath}`,
        // The base image's API key for the old backend; the traces-only headers win.
        OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer%20old-backend,x-scope-orgid=shop',
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: `Authorization=Basic%20${token}`,
        OTEL_EXPORTER_OTLP_COMPRESSION: 'none',
        OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: 'gzip',
      },
    },
  ];

  // Stand-ins for two SaaS backends. Both check the path and the API key, as the real ones do.
  await serve('honeycomb', (request) => {
    if (request.method !== 'POST' || request.path !== '/v1/traces') return { status: 404, body: 'Not Found' };
    if (request.headers['x-honeycomb-team'] !== apiKey) return { status: 401, body: 'missing or unknown API key' };
    return { status: 200, body: {} };
  });
  await serve('grafana', (request) => {
    if (request.method !== 'POST' || request.path !== grafanaPath) return { status: 404, body: 'Not Found' };
    if (request.headers['authorization'] !== `Basic ${token}`) return { status: 401, body: 'invalid credentials' };
    return { status: 200, body: {} };
  });

  for (const { backend, env } of deployments) {
    const settings = exporterSettingsFromEnv(env);
    observe(`settings for ${backend}`, settings);
    console.log(`${backend}: ${settings.url} with headers ${JSON.stringify(Object.keys(settings.headers))}, compression ${settings.compression}`);
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'shop-api' }),
      spanProcessors: [new SimpleSpanProcessor({ exporter: new OtlpJsonExporter(settings) })],
    });
    provider.getTracer('shop-api').startSpan('GET /products', { attributes: { 'deployment.backend': backend } }).end();
    // Rejects when the export failed; the exporter has printed why.
    await provider.forceFlush().catch(() => undefined);
  }

  // A deployment that sets none of the variables: the settings fall back to the defaults.
  try {
    const bare = exporterSettingsFromEnv({});
    observe('settings without environment', bare);
    console.log(`no environment: ${bare.url} with headers ${JSON.stringify(Object.keys(bare.headers))}`);
  } catch (error) {
    observe('settings without environment', { error: String(error) });
    console.log(`no environment: exporterSettingsFromEnv threw ${String(error)}`);
  }
}
