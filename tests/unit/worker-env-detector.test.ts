import { envDetector } from '@opentelemetry/resources';
import { afterEach, describe, expect, it } from 'vitest';
import { environmentDetector } from '../../sandboxes/worker/env-detector.ts';

const NAMES = ['OTEL_SERVICE_NAME', 'OTEL_RESOURCE_ATTRIBUTES'] as const;
const saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));

afterEach(() => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

/** What the SDK's own envDetector (Node build) detects with `env` as the process environment. */
function nodeDetects(env: Record<string, string>): unknown {
  for (const name of NAMES) {
    if (env[name] === undefined) delete process.env[name];
    else process.env[name] = env[name];
  }
  return envDetector.detect().attributes;
}

describe('the Worker’s envDetector reads the program’s process.env as the SDK’s Node build reads Node’s', () => {
  const cases: Array<[string, Record<string, string>]> = [
    ['name and attributes', { OTEL_SERVICE_NAME: 'checkout-eu', OTEL_RESOURCE_ATTRIBUTES: 'service.version=1.5.0,deployment.environment.name=production' }],
    ['OTEL_SERVICE_NAME wins over a service.name entry', { OTEL_SERVICE_NAME: 'cart', OTEL_RESOURCE_ATTRIBUTES: 'service.name=checkout,team=payments' }],
    ['percent-encoded values, spaces and empty entries', { OTEL_RESOURCE_ATTRIBUTES: ' owner = Ada%20Lovelace ,, region=eu%2Cwest ' }],
    ['one bad entry discards the variable, the name stays', { OTEL_SERVICE_NAME: 'cart', OTEL_RESOURCE_ATTRIBUTES: 'a=1,b=2=3' }],
    ['malformed percent-encoding discards the variable', { OTEL_RESOURCE_ATTRIBUTES: 'a=%E0%A4%A' }],
    ['blank values count as unset', { OTEL_SERVICE_NAME: '  ', OTEL_RESOURCE_ATTRIBUTES: '' }],
    ['nothing set', {}],
  ];
  for (const [title, env] of cases) {
    it(title, () => {
      const worker = environmentDetector(() => ({ ...env })).detect().attributes;
      expect(worker).toEqual(nodeDetects(env));
    });
  }

  it('reads the environment when it detects, not when it is created', () => {
    const env: Record<string, string> = {};
    const detector = environmentDetector(() => env);
    env['OTEL_SERVICE_NAME'] = 'set-later';
    expect(detector.detect().attributes).toEqual({ 'service.name': 'set-later' });
  });
});
