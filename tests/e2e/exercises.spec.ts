import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { editorReady, editorValue, fillEditor, pressInEditor, typeInEditor } from '../helpers/editor.ts';

const exercisesDir = path.join(process.cwd(), 'content/exercises');
const exerciseIds = fs.readdirSync(exercisesDir).filter((id) => fs.existsSync(path.join(exercisesDir, id, 'exercise.yaml'))).sort();

const editorOf = (page: Page, id: string) => page.locator(`#editor-${id}`);

async function openExercise(page: Page, id: string): Promise<Locator> {
  await page.goto(`/exercises/${id}/`);
  const exercise = page.locator(`[data-exercise="${id}"]`);
  await expect(editorOf(page, id)).toBeVisible();
  return exercise;
}

async function runAndWait(exercise: Locator): Promise<Locator> {
  const checks = exercise.getByRole('list', { name: 'Checks' });
  // `Check` for an exercise with no program to run (a Collector configuration).
  await exercise.getByRole('button', { name: /^(Run|Check)$/ }).click();
  await expect(checks.locator('.checks__status').first()).toBeVisible({ timeout: 30_000 });
  return checks;
}

test.describe('every exercise, through the page', () => {
  for (const id of exerciseIds) {
    test(`${id}: the starter fails a check and the solution passes them all`, async ({ page }) => {
      const exercise = await openExercise(page, id);
      const checks = await runAndWait(exercise);
      await expect(checks.getByText('failed', { exact: true }).first()).toBeVisible();

      page.once('dialog', (dialog) => void dialog.accept());
      await exercise.getByRole('button', { name: 'Show solution' }).click();
      await exercise.getByRole('button', { name: /^(Run|Check)$/ }).click();
      await expect(exercise.locator('[data-checks-summary]')).toHaveText(/^(\d+) of \1 passed$/, { timeout: 30_000 });
      const items = await checks.getByRole('listitem').allTextContents();
      expect(items.length).toBeGreaterThanOrEqual(3);
      for (const item of items) expect(item).toMatch(/^✓?\s*passed: /);
      await expect(exercise.getByText('Passed', { exact: true })).toBeVisible();
    });
  }
});

test('drafts and progress survive a reload', async ({ page }) => {
  const exercise = await openExercise(page, 'checkout-trace');
  const host = editorOf(page, 'checkout-trace');
  await fillEditor(host, `${await editorValue(host)}\n// my note`);
  await page.waitForTimeout(1200);
  page.once('dialog', (dialog) => void dialog.accept());
  await exercise.getByRole('button', { name: 'Show solution' }).click();
  await exercise.getByRole('button', { name: 'Run' }).click();
  await expect(exercise.getByText('Passed', { exact: true })).toBeVisible({ timeout: 30_000 });
  await exercise.getByRole('button', { name: 'Restore my code' }).click();
  await page.waitForTimeout(1200);
  await page.reload();
  const again = page.locator('[data-exercise="checkout-trace"]');
  await editorReady(editorOf(page, 'checkout-trace'));
  await expect.poll(() => editorValue(editorOf(page, 'checkout-trace'))).toMatch(/\/\/ my note$/);
  await expect(again.getByText('Passed', { exact: true })).toBeVisible();
  // The lesson list knows too.
  await page.goto('/');
  await expect(page.locator('.lesson-card', { hasText: 'Traces and spans' }).locator('.progress-mark')).toContainText('1 of 2 exercises passed');
});

test('hints come one at a time and Reset brings the starter back', async ({ page }) => {
  const exercise = await openExercise(page, 'failing-payment');
  const hints = exercise.getByRole('list', { name: 'Hints' });
  await expect(hints).toBeHidden();
  await exercise.getByRole('button', { name: 'Hint' }).click();
  await expect(hints.getByRole('listitem')).toHaveCount(1);
  await expect(hints).toContainText('Hint 1 of');
  await exercise.getByRole('button', { name: 'Hint' }).click();
  await expect(hints.getByRole('listitem')).toHaveCount(2);

  const host = editorOf(page, 'failing-payment');
  await editorReady(host);
  const starter = await editorValue(host);
  await fillEditor(host, '// gone');
  await exercise.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => editorValue(host)).toBe(starter);
});

test('a full browser storage is reported and the page keeps working', async ({ page }) => {
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key.startsWith('course:v1:draft:')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  const exercise = await openExercise(page, 'checkout-trace');
  await typeInEditor(editorOf(page, 'checkout-trace'), '// x');
  await expect(exercise.getByText(/Browser storage is full/).first()).toBeVisible();
  const checks = await runAndWait(exercise);
  await expect(checks.getByRole('listitem').first()).toBeVisible();
});

test('without browser storage (private mode) the exercise still runs and says drafts will not last', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get: () => { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  });
  const exercise = await openExercise(page, 'one-trace');
  await expect(exercise.getByText(/Browser storage is not available/).first()).toBeVisible();
  const checks = await runAndWait(exercise);
  await expect(checks.getByRole('listitem').first()).toBeVisible();
});

test('an exercise inside its lesson shows the UI contract', async ({ page }) => {
  await page.goto('/lessons/custom-spans/');
  const exercise = page.locator('[data-exercise="failing-payment"]');
  for (const name of ['Run', 'Reset', 'Hint', 'Show solution']) await expect(exercise.getByRole('button', { name, exact: true })).toBeVisible();
  await expect(exercise.getByRole('region', { name: 'Output' })).toBeAttached();
  await expect(exercise.getByText(/^Runtime: /)).toBeVisible();
  // The editor loads as it comes into view.
  await page.locator('#editor-failing-payment').scrollIntoViewIfNeeded();
  await pressInEditor(page.locator('#editor-failing-payment'), 'Control+Enter');
  await expect(exercise.getByRole('list', { name: 'Checks' }).getByText(/^(passed|failed)$/).first()).toBeVisible({ timeout: 30_000 });
});

test('in the Worker, a submission that posts fake results to the page cannot pass', async ({ page }) => {
  await openExercise(page, 'checkout-trace');
  const code = `import type { Order } from './shop.js';
export async function checkout(order: Order) {
  const fake = { type: 'spans', spans: [{ name: 'POST /checkout' }] };
  for (const target of [globalThis, self] as Array<{ postMessage?: (m: unknown) => void }>) {
    try { target.postMessage?.(fake); target.postMessage?.({ type: 'done', ok: true, unfinished: [] }); } catch {}
  }
  void order;
  return { chargeId: 'x' };
}`;
  const { results, run } = await page.evaluate((c) => window.courseExercises!['checkout-trace']!.grade(c), code);
  expect(run?.spans).toEqual([]);
  expect(results.status).toBe('fail');
});

test('the runtime is shown, can be chosen, and the choice is remembered', async ({ page }) => {
  const exercise = await openExercise(page, 'one-trace');
  const status = exercise.locator('[data-runtime-status]');
  // Offline, WebContainers cannot boot: runs go to the Worker, and the page says so.
  await expect(status).toContainText('in-browser Worker');
  const choice = exercise.getByRole('combobox', { name: 'Runtime' });
  await choice.selectOption('worker');
  await expect(status).toHaveText(/^Runtime: in-browser Worker/);
  await page.reload();
  await expect(page.locator('[data-exercise="one-trace"]').getByRole('combobox', { name: 'Runtime' })).toHaveValue('worker');
});

test('a program that exhausts memory in the browser loses nothing: the draft is saved before it runs', async ({ page, context }) => {
  const exercise = await openExercise(page, 'one-trace');
  const bomb = 'export async function main() { const all: number[][] = []; for (;;) all.push(new Array(1e6).fill(1)); }\n// memory bomb';
  await fillEditor(editorOf(page, 'one-trace'), bomb);
  const crashed = new Promise<boolean>((resolve) => {
    page.once('crash', () => resolve(true));
    setTimeout(() => resolve(false), 25_000);
  });
  await exercise.getByRole('button', { name: 'Run' }).click();
  // Chromium ends a page whose Worker runs out of memory; the time limit ends a slower one.
  const result = await Promise.race([crashed, exercise.locator('[data-checks-summary]').filter({ hasText: /passed/ }).waitFor({ timeout: 25_000 }).then(() => false)]);
  const next = await context.newPage();
  await next.goto('/exercises/one-trace/');
  await expect.poll(() => editorValue(next.locator('#editor-one-trace'))).toMatch(/memory bomb$/);
  test.info().annotations.push({ type: 'memory', description: result ? 'the tab crashed' : 'the run was stopped' });
});

test('the trace of a run shows in the span tree, the payment call as the bottleneck', async ({ page }) => {
  const exercise = await openExercise(page, 'checkout-trace');
  page.once('dialog', (dialog) => void dialog.accept());
  await exercise.getByRole('button', { name: 'Show solution' }).click();
  await exercise.getByRole('button', { name: 'Run' }).click();
  const tree = exercise.getByRole('treegrid', { name: 'Span tree' });
  await expect(tree).toBeVisible({ timeout: 30_000 });
  await expect(tree.getByRole('row', { name: /^POST \/checkout, [\d.]+ ms/ })).toBeVisible();
  await expect(tree.getByRole('row', { name: /^stripe api call, [\d.]+ ms.*bottleneck/ })).toBeVisible();
});
