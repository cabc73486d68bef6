import type { OtlpSettings } from './exporter.js';

/**
 * The exporter's URL and headers, from the OTLP environment variables:
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_HEADERS.
 */
export function exporterSettingsFromEnv(env: Record<string, string | undefined>): OtlpSettings {
  // TODO: use the traces endpoint as is when it is set, handle a trailing slash, and read the headers.
  const endpoint = env['OTEL_EXPORTER_OTLP_ENDPOINT'] ?? 'http://localhost:4318';
  return { url: `${endpoint}/v1/traces`, headers: {} };
}
