import { context, propagation, trace } from '@opentelemetry/api';
import { serve } from '@course/sandbox';
import { handleCheckout } from './checkout.js';
import { startTracing } from './tracing.js';

/** The same build of checkout-service, deployed twice. Only the environment differs. */
const deployments: Array<Record<string, string>> = [
  {
    OTEL_SERVICE_NAME: 'checkout-service',
    OTEL_RESOURCE_ATTRIBUTES: 'service.version=1.4.0,deployment.environment.name=staging',
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector.sandbox:4318',
  },
  {
    OTEL_SERVICE_NAME: 'checkout-eu',
    OTEL_RESOURCE_ATTRIBUTES: 'service.version=1.5.0,deployment.environment.name=production,cloud.region=eu-west-1',
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://gateway.sandbox/otlp',
  },
];

export async function main(): Promise<void> {
  await serve('payments', () => ({ status: 201, body: { status: 'charged' } }));
  // The second deployment's gateway Collector receives OTLP under /otlp.
  await serve('gateway', (request) =>
    request.method === 'POST' && request.path === '/otlp/v1/traces' ? { status: 200, body: { partialSuccess: {} } } : { status: 404, body: 'Not Found' },
  );

  for (const [i, env] of deployments.entries()) {
    // A new process starts with its own environment...
    for (const name of Object.keys(process.env)) if (name.startsWith('OTEL_')) delete process.env[name];
    Object.assign(process.env, env);
    console.log(`deployment ${i + 1}: ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    // ...and loads tracing before it handles anything, as `node --import ./tracing.js` would.
    const tracing = startTracing();
    await handleCheckout(`ord_${1042 + i}`);
    // What the service does when it is told to stop (SIGTERM): shut tracing down, then exit.
    // It rejects when the last export failed; the service exits anyway.
    await tracing.shutdown().catch((error: unknown) => console.warn(`deployment ${i + 1}: shutdown failed: ${String(error)}`));
    console.log(`deployment ${i + 1}: stopped`);
    // The process is gone, and its global registrations with it.
    trace.disable();
    context.disable();
    propagation.disable();
  }
}
