/**
 * "Send my spans to my own backend": off unless the learner turns it on, kept in this browser
 * only. The endpoint is the full OTLP/HTTP traces URL (as OTEL_EXPORTER_OTLP_TRACES_ENDPOINT),
 * and headers are written as OTEL_EXPORTER_OTLP_HEADERS writes them: `key=value,key2=value2`.
 */
import { browserStorage, CourseStorage, storageKey } from '../../progress/storage.ts';

export interface SendSettings {
  enabled: boolean;
  endpoint: string;
  headers: Record<string, string>;
}

export const DEFAULT_ENDPOINT = 'http://localhost:4318/v1/traces';

export const noSending: SendSettings = { enabled: false, endpoint: DEFAULT_ENDPOINT, headers: {} };

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The endpoint as a URL, or why it cannot be one. */
export function checkEndpoint(text: string): { url: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { error: `Endpoint: "${text.trim()}" is not a URL. Write the full traces URL, e.g. ${DEFAULT_ENDPOINT}.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `Endpoint: OTLP/HTTP needs an http: or https: URL, not ${url.protocol}` };
  return { url: url.href };
}

/** Headers from `key=value,key2=value2` (values may be percent-encoded, as in OTEL_EXPORTER_OTLP_HEADERS). */
export function parseHeaders(text: string): { headers: Record<string, string> } | { error: string } {
  const headers: Record<string, string> = {};
  for (const [index, pair] of text.split(/[,\n]/).entries()) {
    if (!pair.trim()) continue;
    const at = pair.indexOf('=');
    const name = (at < 0 ? pair : pair.slice(0, at)).trim();
    if (at < 0 || !HEADER_NAME.test(name)) return { error: `Headers, entry ${index + 1} ("${pair.trim()}"): write it as name=value, e.g. x-honeycomb-team=YOUR_KEY.` };
    let value = pair.slice(at + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // A value with a lone % is taken as written.
    }
    headers[name.toLowerCase()] = value;
  }
  return { headers };
}

export const formatHeaders = (headers: Record<string, string>): string =>
  Object.entries(headers)
    .map(([name, value]) => `${name}=${value}`)
    .join(',');

function parseSettings(value: unknown): SendSettings | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.enabled !== 'boolean' || typeof v.endpoint !== 'string' || 'error' in checkEndpoint(v.endpoint)) return undefined;
  const headers = typeof v.headers === 'object' && v.headers !== null ? Object.entries(v.headers as Record<string, unknown>) : [];
  if (headers.some(([name, val]) => !HEADER_NAME.test(name) || typeof val !== 'string')) return undefined;
  return { enabled: v.enabled, endpoint: v.endpoint, headers: Object.fromEntries(headers) as Record<string, string> };
}

export const sendSettingsKey = storageKey('send-spans', parseSettings);

/** The learner's settings in this browser; off when none are saved or storage is unavailable. */
export function readSendSettings(): SendSettings {
  const { storage } = browserStorage();
  return (storage && new CourseStorage(storage).get(sendSettingsKey)) || noSending;
}
