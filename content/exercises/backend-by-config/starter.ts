import type { OtlpSettings } from './exporter.js';

/**
 * The exporter's URL, headers and compression, from the OTLP environment variables: the
 * traces-specific OTEL_EXPORTER_OTLP_TRACES_* ones first, then the general OTEL_EXPORTER_OTLP_* ones.
 */
export function exporterSettingsFromEnv(env: Record<string, string | undefined>): OtlpSettings {
  // TODO: use the traces endpoint as is when it is set, handle a trailing slash, read the
  // headers (general and traces-only) and the compression.
  const endpoint = env['OTEL_EXPORTER_OTLP_ENDPOINT'] ?? 'http://localhost:4318';
  return { url: `${endpoint}/v1/traces`, headers: {}, compression: 'none' };
}
