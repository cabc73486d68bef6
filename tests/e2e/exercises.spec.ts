import { expect, test, type Page } from '@playwright/test';
import { listExercises } from '../../src/exercises/load.ts';
import { editorReady, editorValue, fillEditor, pressInEditor, typeInEditor } from '../helpers/editor.ts';
import { fixtureCourse } from '../helpers/content.ts';
import { editorOf, expectStarterFailsAndSolutionPasses, openExercise, runAndWait } from '../helpers/exercise-page.ts';

// Each test runs code in the sandbox, most of them twice, on pages that first try to boot a
// WebContainer (offline, up to 20 s): three times the default time.
test.describe.configure({ timeout: 180_000 });

// The fixture course's exercises: `checkout` (a scenario, a read-only helper, a bottleneck) and
// `hello-span` (two hints), both in the lesson "First steps".

/** Whether some stored value (a draft) holds `text`; the storage layout is the engine's business. */
const stored = (page: Page, text: string) =>
  page.evaluate((t) => Object.keys(localStorage).some((k) => localStorage.getItem(k)?.includes(t)), text);

test.describe('every exercise of the fixture course, through the page', () => {
  for (const id of listExercises(fixtureCourse)) {
    test(`${id}: the starter fails a check and the solution passes them all`, async ({ page }) => {
      await expectStarterFailsAndSolutionPasses(page, id);
    });
  }
});

test('drafts and progress survive a reload', async ({ page }) => {
  const exercise = await openExercise(page, 'checkout');
  const host = editorOf(page, 'checkout');
  await fillEditor(host, `${await editorValue(host)}\n// my note`);
  await expect.poll(() => stored(page, '// my note')).toBe(true);
  page.once('dialog', (dialog) => void dialog.accept());
  await exercise.getByRole('button', { name: 'Show solution' }).click();
  await exercise.getByRole('button', { name: 'Run' }).click();
  await expect(exercise.getByText('Passed', { exact: true })).toBeVisible({ timeout: 30_000 });
  await exercise.getByRole('button', { name: 'Restore my code' }).click();
  await expect.poll(() => editorValue(host)).toMatch(/\/\/ my note$/);
  await expect.poll(() => stored(page, '// my note')).toBe(true);
  await page.reload();
  const again = page.locator('[data-exercise="checkout"]');
  await editorReady(editorOf(page, 'checkout'));
  await expect.poll(() => editorValue(editorOf(page, 'checkout'))).toMatch(/\/\/ my note$/);
  await expect(again.getByText('Passed', { exact: true })).toBeVisible();
  // The lesson list knows too.
  await page.goto('/');
  await expect(page.locator('.lesson-card', { hasText: 'First steps' }).locator('.progress-mark')).toContainText('1 of 2 exercises passed');
});

test('hints come one at a time and Reset brings the starter back', async ({ page }) => {
  const exercise = await openExercise(page, 'hello-span');
  const hints = exercise.getByRole('list', { name: 'Hints' });
  await expect(hints).toBeHidden();
  await exercise.getByRole('button', { name: 'Hint' }).click();
  await expect(hints.getByRole('listitem')).toHaveCount(1);
  await expect(hints).toContainText('Hint 1 of');
  await exercise.getByRole('button', { name: 'Hint' }).click();
  await expect(hints.getByRole('listitem')).toHaveCount(2);

  const host = editorOf(page, 'hello-span');
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
  const exercise = await openExercise(page, 'checkout');
  await typeInEditor(editorOf(page, 'checkout'), '// x');
  await expect(exercise.getByText(/Browser storage is full/).first()).toBeVisible();
  const checks = await runAndWait(exercise);
  await expect(checks.getByRole('listitem').first()).toBeVisible();
});

test('without browser storage (private mode) the exercise still runs and says drafts will not last', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get: () => { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  });
  const exercise = await openExercise(page, 'hello-span');
  await expect(exercise.getByText(/Browser storage is not available/).first()).toBeVisible();
  const checks = await runAndWait(exercise);
  await expect(checks.getByRole('listitem').first()).toBeVisible();
});

test('an exercise inside its lesson shows the UI contract', async ({ page }) => {
  await page.goto('/lessons/first-steps/');
  const exercise = page.locator('[data-exercise="hello-span"]');
  for (const name of ['Run', 'Reset', 'Hint', 'Show solution']) await expect(exercise.getByRole('button', { name, exact: true })).toBeVisible();
  await expect(exercise.getByRole('region', { name: 'Output' })).toBeAttached();
  await expect(exercise.getByText(/^Runtime: /)).toBeVisible();
  // The editor loads as it comes into view.
  await page.locator('#editor-hello-span').scrollIntoViewIfNeeded();
  await pressInEditor(page.locator('#editor-hello-span'), 'Control+Enter');
  await expect(exercise.getByRole('list', { name: 'Checks' }).getByText(/^(passed|failed)$/).first()).toBeVisible({ timeout: 30_000 });
});

test('in the Worker, a submission that posts fake results to the page cannot pass', async ({ page }) => {
  await openExercise(page, 'checkout');
  const code = `import type { Order } from './shop.js';
export async function checkout(order: Order) {
  const fake = { type: 'spans', spans: [{ name: 'POST /checkout' }] };
  for (const target of [globalThis, self] as Array<{ postMessage?: (m: unknown) => void }>) {
    try { target.postMessage?.(fake); target.postMessage?.({ type: 'done', ok: true, unfinished: [] }); } catch {}
  }
  void order;
  return { chargeId: 'x' };
}`;
  const { results, run } = await page.evaluate((c) => window.courseExercises!['checkout']!.grade(c), code);
  expect(run?.spans).toEqual([]);
  expect(results.status).toBe('fail');
});

test('the runtime is shown, can be chosen, and the choice is remembered', async ({ page }) => {
  const exercise = await openExercise(page, 'hello-span');
  const status = exercise.locator('[data-runtime-status]');
  // Offline, WebContainers cannot boot: runs go to the Worker, and the page says so.
  await expect(status).toContainText('in-browser Worker');
  const choice = exercise.getByRole('combobox', { name: 'Runtime' });
  await choice.selectOption('worker');
  await expect(status).toHaveText(/^Runtime: in-browser Worker/);
  await page.reload();
  // The page shows the remembered choice once the runtimes have loaded, when the browser is idle.
  await expect(page.locator('[data-exercise="hello-span"]').getByRole('combobox', { name: 'Runtime' })).toHaveValue('worker', { timeout: 30_000 });
});

test('the trace of a run shows in the span tree, the payment call as the bottleneck', async ({ page }) => {
  const exercise = await openExercise(page, 'checkout');
  page.once('dialog', (dialog) => void dialog.accept());
  await exercise.getByRole('button', { name: 'Show solution' }).click();
  await exercise.getByRole('button', { name: 'Run' }).click();
  const tree = exercise.getByRole('treegrid', { name: 'Span tree' });
  await expect(tree).toBeVisible({ timeout: 30_000 });
  await expect(tree.getByRole('row', { name: /^POST \/checkout, [\d.]+ ms/ })).toBeVisible();
  await expect(tree.getByRole('row', { name: /^stripe api call, [\d.]+ ms.*bottleneck/ })).toBeVisible();
});
