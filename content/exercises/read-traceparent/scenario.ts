import { resourceFromAttributes } from '@opentelemetry/resources';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { fetch, serve } from '@course/sandbox';
import { gateway } from './gateway.js';
import { requests } from './requests.js';

export async function main(): Promise<void> {
  // The default sampler of a TracerProvider is parent-based: it follows the caller's sampled flag.
  const provider = new TracerProvider({ resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'payments-gateway' }) });
  await serve('payments', gateway(provider.getTracer('payments-gateway', '1.0.0')));

  for (const { id, traceparent } of requests) {
    const headers: Record<string, string> = { 'x-request-id': id };
    if (traceparent !== undefined) headers['traceparent'] = traceparent;
    const response = await fetch('http://payments.sandbox/charges', { method: 'POST', headers });
    const { decision } = (await response.json()) as { decision: string };
    console.log(`${id} ${traceparent ?? '(no traceparent)'} -> ${decision}`);
  }
}
