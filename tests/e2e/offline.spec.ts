import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { serveStatic, type StaticServer } from '../../src/grading/static-server.ts';
import { violations } from '../helpers/axe.ts';
import { editorValue, fillEditor } from '../helpers/editor.ts';
import { openExercise, runAndWait } from '../helpers/exercise-page.ts';

// Whole visits on a busy machine: the first install precaches the site (several MB).
test.describe.configure({ timeout: 180_000 });
// The one spec that needs the service worker: every other test blocks it (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

/** Runs go to the Worker: offline, there is no WebContainer to boot. */
async function useWorkerRuntime(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    try {
      localStorage.setItem('course:v1:runtime', 'worker');
    } catch {
      // Frames without storage do not run exercises.
    }
  });
}

/** Waits until the course's service worker is active and controls the page (the first install precaches the site). */
async function controlledByServiceWorker(page: Page): Promise<string> {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), { timeout: 120_000 })
    .toBe('activated');
  return page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
}

const isolated = (page: Page) => page.evaluate(() => window.crossOriginIsolated);

test('after a first visit, a lesson, an exercise Run, the viewer and search work with the network cut', async ({ page, context }) => {
  await useWorkerRuntime(context);
  await page.goto('/lessons/first-steps/');
  expect(await controlledByServiceWorker(page)).toMatch(/\/sw\.js$/);
  const manifest = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(manifest).toBe('/manifest.webmanifest');
  await openExercise(page, 'hello-span');
  // The editor's TypeScript worker, the compiler of an edited Run, is cached as the editor starts.
  await expect
    .poll(() => page.evaluate(async () => (await (await caches.open('course-on-first-use')).keys()).map((r) => new URL(r.url).pathname)), { timeout: 60_000 })
    .toContainEqual(expect.stringMatching(/^\/_astro\/typescript\.worker-[\w-]+\.js$/));
  await page.goto('/viewer/');

  await context.setOffline(true);
  // The network is really gone: a request the service worker does not answer fails.
  expect(await page.evaluate(() => fetch('/not-in-the-course/').then(() => 'answered', () => 'failed'))).toBe('failed');

  await page.goto('/lessons/first-steps/');
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('main')).toContainText(/\w+/);
  expect(await isolated(page)).toBe(true);

  // A page this visit never opened is there too: the whole site is precached.
  await page.goto('/glossary/');
  await expect(page.locator('h1')).toBeVisible();

  const exercise = await openExercise(page, 'hello-span');
  expect(await isolated(page)).toBe(true);
  const checks = await runAndWait(exercise);
  await expect(exercise.locator('[data-output-lines]')).toContainText('hello, Ada');
  await expect(exercise.locator('[data-checks-summary]')).toHaveText(/^\d+ of \d+ passed$/);
  await expect(checks.getByText('failed', { exact: true }).first()).toBeVisible();
  // The solution is precompiled too: it runs offline, ends its spans and passes every check.
  page.once('dialog', (dialog) => void dialog.accept());
  await exercise.getByRole('button', { name: 'Show solution' }).click();
  await exercise.getByRole('button', { name: 'Run' }).click();
  await expect(exercise.locator('[data-checks-summary]')).toHaveText(/^(\d+) of \1 passed$/, { timeout: 90_000 });
  await expect(exercise.getByRole('treegrid', { name: 'Span tree' }).getByRole('row', { name: /^say hello, / })).toBeVisible();
  expect(await isolated(page)).toBe(true);
  // An edited Run needs the compiler, cached on the visit online.
  const editor = page.locator('#editor-hello-span');
  await fillEditor(editor, `${await editorValue(editor)}\n// edited offline\n`);
  await exercise.getByRole('button', { name: 'Run' }).click();
  await expect(exercise.locator('[data-checks-summary]')).toHaveText(/^(\d+) of \1 passed$/, { timeout: 90_000 });
  await expect(exercise.locator('[data-output-lines]')).toContainText('hello, Ada');

  await page.goto('/viewer/');
  expect(await isolated(page)).toBe(true);
  await page.getByRole('button', { name: 'Open a sample trace' }).click();
  await expect(page.locator('[data-import-status]')).toContainText('Opened the sample trace');
  await expect(page.getByRole('treegrid', { name: 'Span tree' }).getByRole('row').nth(1)).toBeVisible();

  await page.keyboard.press('/');
  const field = page.getByRole('combobox', { name: 'Search lessons and glossary' });
  await expect(field).toBeFocused();
  await page.keyboard.type('traceparent');
  await expect(page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first()).toBeVisible();
});

test('the web app manifest names the course, its icons and a start URL under the base path', async ({ request }) => {
  const response = await request.get('/manifest.webmanifest');
  expect(response.ok()).toBe(true);
  const manifest = (await response.json()) as { name: string; start_url: string; scope: string; icons: Array<{ src: string; sizes: string; type: string }> };
  expect(manifest.name).toBe('Fixture course');
  expect(manifest.start_url).toBe('/');
  expect(manifest.scope).toBe('/');
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['any', '192x192', '512x512']));
  for (const icon of manifest.icons) expect((await request.get(icon.src)).ok(), icon.src).toBe(true);
});

test.describe('a new version of the course', () => {
  let site: string;
  let server: StaticServer;

  test.beforeAll(async () => {
    // A host of its own, with a copy of the build whose sw.js the test can change as a deploy would.
    site = fs.mkdtempSync(path.join(os.tmpdir(), 'course-offline-'));
    fs.cpSync(path.resolve('node_modules/.cache/e2e/fixture-site'), site, { recursive: true });
    server = await serveStatic(site);
  });
  test.afterAll(async () => {
    await server?.close();
    fs.rmSync(site, { recursive: true, force: true });
  });

  test('is announced, and taken only on Reload once the Run in flight has ended', async ({ page, context }) => {
    await useWorkerRuntime(context);
    await page.goto(`${server.url}/playground/`);
    await controlledByServiceWorker(page);
    const notice = page.locator('.update-notice');
    await expect(notice).toBeHidden();

    // A deploy: the worker's script changes, and the page's next update check finds it.
    fs.appendFileSync(path.join(site, 'sw.js'), '\n// the next version\n');
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.update()));
    await expect(notice).toBeVisible({ timeout: 60_000 });
    await expect(notice).toHaveAttribute('role', 'status');
    await expect(notice).toContainText('A new version of the course is available.');
    expect(await violations(page)).toEqual([]);

    // A Run that takes a while, in flight when the learner asks for the new version.
    await fillEditor(page.locator('#playground-code'), 'export async function main() {\n  await new Promise((resolve) => setTimeout(resolve, 3500));\n  console.log("done waiting");\n}\n');
    const run = page.locator('[data-run]');
    await page.evaluate(() => ((window as unknown as { beforeUpdate: boolean }).beforeUpdate = true));
    await run.click();
    await expect(run).toHaveAttribute('aria-busy', 'true');
    await notice.getByRole('button', { name: 'Reload' }).click();
    await expect(notice).toContainText('reloads into its new version when the Run ends');
    // Held back while the Run is in flight: the old worker still controls the page and the new one waits.
    const during = await page.evaluate(async () => ({
      busy: document.querySelector('[data-run]')!.getAttribute('aria-busy'),
      waiting: (await navigator.serviceWorker.getRegistration())!.waiting !== null,
      same: (window as unknown as { beforeUpdate?: boolean }).beforeUpdate === true,
    }));
    expect(during).toEqual({ busy: 'true', waiting: true, same: true });

    // The Run ends, then the page reloads into the new version.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate ?? false).catch(() => true), { timeout: 60_000 })
      .toBe(false);
    await controlledByServiceWorker(page);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.waiting))).toBeNull();
    await expect(page.locator('.update-notice')).toBeHidden();
    expect(await isolated(page)).toBe(true);
  });
});
