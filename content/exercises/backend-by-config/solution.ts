import type { OtlpSettings } from './exporter.js';

/**
 * The exporter's URL, headers and compression, from the OTLP environment variables: the
 * traces-specific OTEL_EXPORTER_OTLP_TRACES_* ones first, then the general OTEL_EXPORTER_OTLP_* ones.
 */
export function exporterSettingsFromEnv(env: Record<string, string | undefined>): OtlpSettings {
  // A signal-specific endpoint is the full URL: used exactly as given.
  const tracesEndpoint = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']?.trim();
  // The general endpoint is a base URL: the exporter appends the path for traces.
  const base = env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim() || 'http://localhost:4318';
  return {
    url: tracesEndpoint || `${base.replace(/\/+$/, '')}/v1/traces`,
    // Traces-only headers are merged over the general ones: they win on a conflict.
    headers: { ...parseHeaders(env['OTEL_EXPORTER_OTLP_HEADERS'] ?? ''), ...parseHeaders(env['OTEL_EXPORTER_OTLP_TRACES_HEADERS'] ?? '') },
    compression: compressionOf(env['OTEL_EXPORTER_OTLP_TRACES_COMPRESSION']) ?? compressionOf(env['OTEL_EXPORTER_OTLP_COMPRESSION']) ?? 'none',
  };
}

/** `key1=value1,key2=value2`, values URL-encoded; a value may itself contain `=`. */
function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const entry of text.split(',')) {
    const at = entry.indexOf('=');
    if (at <= 0) continue;
    const key = entry.slice(0, at).trim();
    const value = entry.slice(at + 1).trim();
    if (key) headers[decodeURIComponent(key)] = decodeURIComponent(value);
  }
  return headers;
}

/** `gzip` or `none`; undefined when unset (or a value the exporters do not know). */
function compressionOf(text: string | undefined): OtlpSettings['compression'] | undefined {
  const value = text?.trim().toLowerCase();
  return value === 'gzip' || value === 'none' ? value : undefined;
}
