import type { SpanRecord } from '../../../sandboxes/wire/span-record.ts';
import { readSendSettings } from './settings.ts';

/**
 * After a Run: when the learner turned sending on (Settings), its spans also go to their own
 * backend, and the line under the trace says what happened. Nothing is sent otherwise, and the
 * sender is not even loaded.
 */
export function sendRunToBackend(spans: readonly SpanRecord[], status: HTMLElement): void {
  const settings = readSendSettings();
  status.hidden = !settings.enabled;
  if (!settings.enabled) return;
  status.dataset.outcome = 'sending';
  status.textContent = `Sending ${spans.length} span${spans.length === 1 ? '' : 's'} to ${settings.endpoint}…`;
  void import('./send-spans.ts')
    .then(({ sendSpans }) => sendSpans(spans, settings))
    .then((outcome) => {
      status.dataset.outcome = outcome.ok ? 'sent' : 'failed';
      status.textContent = outcome.message;
    });
}
