import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { openExercise, runAndWait } from '../helpers/exercise-page.ts';

// "Send your spans to your own backend", against a local OTLP/HTTP receiver that checks CORS
// as a Collector does: a preflight from an allowed origin, then the POST of OTLP/JSON.
test.describe.configure({ timeout: 180_000 });

interface Received {
  origin: string | undefined;
  contentType: string | undefined;
  apiKey: string | undefined;
  spanNames: string[];
}

async function startReceiver(allowedOrigin: string) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const origin = req.headers.origin;
    if (origin === allowedOrigin) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-headers', 'content-type, x-api-key');
      res.setHeader('access-control-allow-methods', 'POST');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      const request = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: { name: string }[] }[] }[] };
      received.push({
        origin,
        contentType: req.headers['content-type'],
        apiKey: req.headers['x-api-key'] as string | undefined,
        spanNames: request.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map((span) => span.name))),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
  return { received, endpoint, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function saveSettings(page: Page, settings: { enabled: boolean; endpoint: string; headers?: string }) {
  await page.goto('/settings/');
  const form = page.locator('[data-send-form]');
  await form.getByLabel('Send the spans of every Run to my backend').setChecked(settings.enabled);
  await form.getByLabel('OTLP/HTTP traces endpoint').fill(settings.endpoint);
  await form.getByLabel('Headers (optional)').fill(settings.headers ?? '');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toContainText('Saved.');
}

async function runSolution(page: Page) {
  const exercise = await openExercise(page, 'hello-span');
  page.once('dialog', (dialog) => void dialog.accept());
  await exercise.getByRole('button', { name: 'Show solution' }).click();
  await runAndWait(exercise);
  await expect(exercise.locator('[data-checks-summary]')).toHaveText(/^(\d+) of \1 passed$/, { timeout: 90_000 });
  return exercise;
}

test('with sending on, a Run POSTs every span as OTLP/JSON to the learner\'s receiver; with it off, nothing', async ({ page, baseURL }) => {
  const receiver = await startReceiver(new URL(baseURL!).origin);
  try {
    await saveSettings(page, { enabled: true, endpoint: receiver.endpoint, headers: 'x-api-key=course-test' });
    const exercise = await runSolution(page);
    const status = exercise.locator('[data-send-status]');
    await expect(status).toHaveText(/^Sent \d+ spans? to http:\/\/127\.0\.0\.1:\d+\/v1\/traces \(200\)\.$/, { timeout: 30_000 });
    const sent = Number(/Sent (\d+)/.exec((await status.textContent()) ?? '')![1]);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request).toMatchObject({ origin: new URL(baseURL!).origin, contentType: 'application/json', apiKey: 'course-test' });
    expect(request!.spanNames).toHaveLength(sent);
    // Every span of the Run: the same names the exercise's trace shows.
    const rows = await exercise.locator('[role="treegrid"] [role="row"][aria-level]').count();
    expect(sent).toBe(rows);
    expect(request!.spanNames).toContain('say hello');

    await saveSettings(page, { enabled: false, endpoint: receiver.endpoint });
    const quiet = await runSolution(page);
    await expect(quiet.locator('[data-send-status]')).toBeHidden();
    // The test span is sent on request even when sending is off; arriving next, it shows that
    // the Run before it sent nothing.
    await page.goto('/settings/');
    await page.getByRole('button', { name: 'Send a test span' }).click();
    await expect(page.locator('[data-send-form-status]')).toContainText('Sent 1 span');
    expect(receiver.received.map((r) => r.spanNames)).toEqual([request!.spanNames, ['course settings test']]);
  } finally {
    await receiver.close();
  }
});

test('a receiver that does not allow the site by CORS gets nothing, and the learner is told what to configure', async ({ page }) => {
  const receiver = await startReceiver('https://somewhere-else.example');
  try {
    await saveSettings(page, { enabled: true, endpoint: receiver.endpoint });
    await page.getByRole('button', { name: 'Send a test span' }).click();
    await expect(page.locator('[data-send-form-status]')).toContainText(/could not reach .* by CORS/);
    expect(receiver.received).toHaveLength(0);
    await expect(page.locator('[data-snippet="collector"]')).toContainText(`allowed_origins:\n            - ${new URL(page.url()).origin}`);
  } finally {
    await receiver.close();
  }
});
