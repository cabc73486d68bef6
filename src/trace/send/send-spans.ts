/**
 * POSTs a Run's spans as OTLP/JSON to the learner's own backend, as an OTLP/HTTP exporter does,
 * and says what happened in words a learner can act on.
 */
import { toOtlpJson } from '../../../sandboxes/wire/otlp-export.ts';
import type { SpanRecord } from '../../../sandboxes/wire/span-record.ts';
import type { SendSettings } from './settings.ts';

export type SendOutcome = { ok: true; message: string } | { ok: false; message: string };

/** A receiver that does not answer in this time is reported, not waited for. */
const SEND_LIMIT_MS = 10_000;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function statusAdvice(status: number, endpoint: string): string {
  const path = new URL(endpoint).pathname;
  if (status === 404 || status === 405) return path.endsWith('/v1/traces') ? 'Is this the OTLP/HTTP port (4318), not the UI or gRPC port?' : `OTLP/HTTP receivers take traces at the path /v1/traces; this endpoint's path is ${path}.`;
  if (status === 401 || status === 403) return 'The backend refused the credentials: check the headers (an API key, e.g. x-honeycomb-team=…).';
  if (status === 413) return 'The request was too large for the backend.';
  if (status === 415) return 'The backend does not take OTLP/JSON here (some accept only protobuf).';
  if (status >= 500) return 'The backend failed or is overloaded; try again.';
  return '';
}

export async function sendSpans(spans: readonly SpanRecord[], settings: SendSettings, fetchImpl: typeof fetch = fetch): Promise<SendOutcome> {
  if (spans.length === 0) return { ok: true, message: 'This run ended no spans, so nothing was sent.' };
  const body = JSON.stringify(toOtlpJson(spans));
  let response: Response;
  try {
    response = await fetchImpl(settings.endpoint, {
      method: 'POST',
      headers: { ...settings.headers, 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(SEND_LIMIT_MS),
      credentials: 'omit',
    });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') return { ok: false, message: `Not sent: ${settings.endpoint} did not answer within ${SEND_LIMIT_MS / 1000} s.` };
    return {
      ok: false,
      message: `Not sent: the browser could not reach ${settings.endpoint}. Either nothing is listening there, or the receiver does not allow this site (${location.origin}) by CORS: the Settings page shows the receiver configuration that allows it.`,
    };
  }
  if (response.ok) return { ok: true, message: `Sent ${plural(spans.length, 'span')} to ${settings.endpoint} (${response.status}).` };
  const advice = statusAdvice(response.status, settings.endpoint);
  return { ok: false, message: `Not sent: ${settings.endpoint} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.${advice ? ` ${advice}` : ''}` };
}
