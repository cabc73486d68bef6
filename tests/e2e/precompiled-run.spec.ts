import { expect, test } from '@playwright/test';
import { openExercise, runAndWait } from '../helpers/exercise-page.ts';

// Runs go straight to the Worker: this is about the compiler, not about WebContainers.
test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => {
    try {
      localStorage.setItem('course:v1:runtime', 'worker');
    } catch {
      // Frames without storage do not run exercises.
    }
  });
});
test.describe.configure({ timeout: 180_000 });
// page.route() does not see requests the course's service worker answers, and these hold the compilers back.
test.use({ serviceWorkers: 'block' });

/** The scripts of both compilers the page could use: the transpiler Worker and the editor's TypeScript worker. */
const COMPILER_SCRIPT = /\/(transpiler-worker|typescript\.worker|ts\.worker)[^/]*\.js(\?|$)/;

test('a Run right after load of unedited code needs no compiler: it runs while no compiler can load', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  const requested: string[] = [];
  // Never answered: a Run that needed a compiler would wait for it, then fail to load it.
  await page.route(COMPILER_SCRIPT, (route) => void requested.push(route.request().url()));
  const exercise = await openExercise(page, 'hello-span');
  const checks = await runAndWait(exercise);
  // The starter ran (it prints this line) and its checks were graded: it fails at least one, as every starter does.
  await expect(exercise.locator('[data-output-lines]')).toContainText('hello, Ada');
  await expect(exercise.locator('[data-checks-summary]')).toHaveText(/^\d+ of \d+ passed$/);
  await expect(checks.getByText('failed', { exact: true }).first()).toBeVisible();
  expect(workers.filter((url) => /transpiler-worker/.test(url))).toEqual([]);
});

test('edited code waits for the compiler, saying so, and runs once it has loaded', async ({ page }) => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(COMPILER_SCRIPT, async (route) => {
    await released;
    await route.continue();
  });
  const exercise = await openExercise(page, 'hello-span');
  const editor = page.locator('#editor-hello-span');
  await editor.locator('.monaco-editor, textarea').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n// my edit');
  await exercise.getByRole('button', { name: 'Run' }).click();
  // Issue 16: progress is shown while the compiler loads, in the Run's status line.
  await expect(exercise.locator('[data-run-summary]')).toHaveText('Loading the TypeScript compiler…');
  await expect(exercise.locator('[data-checks-summary]')).not.toHaveText(/^\d+ of \d+ passed$/);
  release();
  await expect(exercise.locator('[data-checks-summary]')).toHaveText(/^\d+ of \d+ passed$/, { timeout: 120_000 });
});
