import fs from 'node:fs';
import { expect, test } from '@playwright/test';

test('pages are cross-origin isolated and every asset still loads under COEP', async ({ page }) => {
  const failed: string[] = [];
  // Only the site's own assets count: offline, the WebContainer boot's request to StackBlitz
  // fails by design (and the page falls back to the Worker).
  const own = (url: string) => url.startsWith(new URL(page.url() || 'http://127.0.0.1').origin);
  page.on('requestfailed', (r) => own(r.url()) && failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => own(r.url()) && r.status() >= 400 && failed.push(`${r.url()} ${r.status()}`));
  const response = await page.goto('/playground/');
  expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
  expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.evaluate(() => window.courseRuntime!.ready);
  await page.goto('/lessons/first-steps/');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(failed).toEqual([]);
});

test('the deploy configs send the same isolation headers', () => {
  const headers = fs.readFileSync('public/_headers', 'utf8');
  expect(headers).toMatch(/^\/\*\n\s+Cross-Origin-Opener-Policy: same-origin\n\s+Cross-Origin-Embedder-Policy: require-corp/m);
  const vercel = JSON.parse(fs.readFileSync('vercel.json', 'utf8')) as { headers: Array<{ source: string; headers: Array<{ key: string; value: string }> }> };
  expect(vercel.headers[0]!.headers).toEqual([
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
    { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
  ]);
});
