/** The Settings page: turn sending on or off, set the endpoint and headers, try them. */
import { browserStorage, CourseStorage } from '../../progress/storage.ts';
import type { SpanRecord } from '../../../sandboxes/wire/span-record.ts';
import { sendSpans } from './send-spans.ts';
import { checkEndpoint, formatHeaders, noSending, parseHeaders, sendSettingsKey, type SendSettings } from './settings.ts';

const randomHex = (bytes: number) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');

/** One span, to see the connection work before running anything. */
function testSpan(): SpanRecord {
  const end = BigInt(Date.now()) * 1_000_000n;
  return {
    traceId: randomHex(16),
    spanId: randomHex(8),
    name: 'course settings test',
    kind: 'INTERNAL',
    startTimeUnixNano: String(end - 1_000_000n),
    endTimeUnixNano: String(end),
    attributes: { 'course.test': true },
    events: [],
    links: [],
    status: { code: 'UNSET' },
    resource: { 'service.name': 'otel-tracing-course' },
    scope: { name: 'otel-tracing-course' },
  };
}

export function mountSendSettings(doc: Document): void {
  const form = doc.querySelector<HTMLFormElement>('[data-send-form]');
  if (!form) return;
  const $ = <T extends Element>(selector: string) => form.querySelector<T>(selector)!;
  const enabled = $<HTMLInputElement>('[data-enabled]');
  const endpoint = $<HTMLInputElement>('[data-endpoint]');
  const headers = $<HTMLInputElement>('[data-headers]');
  const status = $<HTMLElement>('[data-send-form-status]');
  const { storage, error: storageError } = browserStorage();
  const store = storage && new CourseStorage(storage);

  const saved = store?.get(sendSettingsKey) ?? noSending;
  enabled.checked = saved.enabled;
  endpoint.value = saved.endpoint;
  headers.value = formatHeaders(saved.headers);
  const say = (text: string, outcome: 'sent' | 'failed' | 'info' = 'info') => {
    status.textContent = text;
    status.dataset.outcome = outcome;
  };
  if (storageError) say(storageError, 'failed');

  const origin = location.origin;
  for (const el of doc.querySelectorAll('[data-origin]')) el.textContent = origin;
  const snippets: Record<string, string> = {
    collector: `receivers:\n  otlp:\n    protocols:\n      http:\n        endpoint: 0.0.0.0:4318\n        cors:\n          allowed_origins:\n            - ${origin}`,
    jaeger: `docker run --rm -p 16686:16686 -p 4318:4318 \\\n  cr.jaegertracing.io/jaegertracing/jaeger:latest \\\n  --set 'receivers.otlp.protocols.http.cors.allowed_origins=[${origin}]'`,
  };
  for (const el of doc.querySelectorAll<HTMLElement>('[data-snippet]')) el.textContent = snippets[el.dataset.snippet ?? ''] ?? '';

  /** The form as settings, or the first field that is wrong (focused, and said). */
  const read = (): SendSettings | undefined => {
    const url = checkEndpoint(endpoint.value);
    if ('error' in url) {
      endpoint.setAttribute('aria-invalid', 'true');
      endpoint.focus();
      return void say(url.error, 'failed');
    }
    endpoint.removeAttribute('aria-invalid');
    const parsed = parseHeaders(headers.value);
    if ('error' in parsed) {
      headers.setAttribute('aria-invalid', 'true');
      headers.focus();
      return void say(parsed.error, 'failed');
    }
    headers.removeAttribute('aria-invalid');
    return { enabled: enabled.checked, endpoint: url.url, headers: parsed.headers };
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const settings = read();
    if (!settings) return;
    if (!store) return say('Settings cannot be saved: this browser does not let the course use its storage.', 'failed');
    const written = store.set(sendSettingsKey, settings);
    if (!written.ok) return say(written.error, 'failed');
    say(settings.enabled ? `Saved. Every Run now also sends its spans to ${settings.endpoint}.` : 'Saved. Sending is off: nothing leaves this page.');
  });

  $<HTMLButtonElement>('[data-test-send]').addEventListener('click', async () => {
    const settings = read();
    if (!settings) return;
    say(`Sending a test span to ${settings.endpoint}…`);
    const outcome = await sendSpans([testSpan()], settings);
    say(outcome.ok ? `${outcome.message} Look for the service otel-tracing-course.` : outcome.message, outcome.ok ? 'sent' : 'failed');
  });
}
