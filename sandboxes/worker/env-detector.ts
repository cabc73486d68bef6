import type { DetectedResource, ResourceDetector } from '@opentelemetry/resources';

/**
 * `envDetector` of `@opentelemetry/resources` as it works in Node, for the in-browser sandbox.
 * The SDK's browser build reads no environment (its `getStringFromEnv` returns undefined), so
 * there the real detector finds nothing; a Worker program has the sandbox's `process.env`, and a
 * program that builds its resource from OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES must get
 * in the Worker what it gets in Node. Same rules as the SDK's EnvDetector: blank values count as
 * unset, entries are `key=value` separated by commas and percent-decoded, and one bad entry
 * discards the whole variable; OTEL_SERVICE_NAME wins over a `service.name` entry.
 */

const MAX_LENGTH = 255;

/** A variable as the SDK reads it: undefined when unset, empty or only whitespace. */
function variable(env: Record<string, string | undefined>, name: string): string | undefined {
  const raw = env[name];
  return raw == null || raw.trim() === '' ? undefined : raw;
}

function parseResourceAttributes(raw: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const entry of raw.split(',').filter((e) => e.trim() !== '')) {
    const pair = entry.split('=');
    if (pair.length !== 2) throw new Error(`Invalid format for OTEL_RESOURCE_ATTRIBUTES: "${entry}".`);
    const key = decodeURIComponent(pair[0]!.trim());
    const value = decodeURIComponent(pair[1]!.trim());
    if (key.length === 0) throw new Error(`Invalid OTEL_RESOURCE_ATTRIBUTES: empty attribute key in "${entry}".`);
    if (key.length > MAX_LENGTH || value.length > MAX_LENGTH) throw new Error(`OTEL_RESOURCE_ATTRIBUTES entry too long: "${entry}".`);
    attributes[key] = value;
  }
  return attributes;
}

/** A detector reading `env()` when it runs, as the SDK's reads `process.env`. */
export function environmentDetector(env: () => Record<string, string | undefined>): ResourceDetector {
  return {
    detect(): DetectedResource {
      const vars = env();
      let attributes: Record<string, string> = {};
      const raw = variable(vars, 'OTEL_RESOURCE_ATTRIBUTES');
      if (raw) {
        try {
          attributes = parseResourceAttributes(raw);
        } catch {
          attributes = {};
        }
      }
      const serviceName = variable(vars, 'OTEL_SERVICE_NAME');
      if (serviceName) attributes['service.name'] = serviceName;
      return { attributes };
    },
  };
}
