import { expect, test, type Locator, type Page } from '@playwright/test';
import { editorReady, editorValue, fillEditor, pressInEditor } from '../../helpers/editor.ts';

// Runs go straight to the Worker: offline, a WebContainer only times out before they fall back to it.
test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => {
    try {
      localStorage.setItem('course:v1:runtime', 'worker');
    } catch {
      // Frames without storage (about:blank, sandboxed) do not run exercises.
    }
  });
});
// A first Run compiles in the editor's TypeScript worker, which can take a while on a busy machine.
test.describe.configure({ timeout: 180_000 });

const exerciseIn = (page: Page, id: string) => page.locator(`[data-exercise="${id}"]`);
const summaryOf = (exercise: Locator) => exercise.locator('[data-run-summary]');

async function finishedSummary(exercise: Locator): Promise<string> {
  const summary = summaryOf(exercise);
  await expect(summary).toHaveText(/checks? passed/, { timeout: 120_000 });
  return (await summary.textContent())!;
}

test.describe('after Run, the result is in view and announced', () => {
  test('pressing Run on an exercise inside a lesson', async ({ page }) => {
    await page.goto('/lessons/custom-spans/');
    const exercise = exerciseIn(page, 'checkout-trace');
    const run = exercise.getByRole('button', { name: 'Run', exact: true });
    // Run at the bottom of the window: the results start below it, out of sight.
    await run.evaluate((button) => window.scrollBy(0, button.getBoundingClientRect().bottom - window.innerHeight + 4));
    await expect(exercise.getByRole('list', { name: 'Checks' })).not.toBeInViewport();
    await run.click();

    const text = await finishedSummary(exercise);
    expect(text).toMatch(/^\d+ of \d+ checks passed · \d+ spans?/);
    await expect(summaryOf(exercise)).toBeInViewport();
    await expect(page.locator('[aria-live="polite"]').filter({ hasText: text })).toHaveCount(1);
    await expect(exercise.getByRole('list', { name: 'Checks' })).toBeInViewport({ ratio: 0.05 });
  });

  test('Ctrl+Enter in the editor, with the toolbar out of sight', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 560 });
    await page.goto('/lessons/custom-spans/');
    const exercise = exerciseIn(page, 'checkout-trace');
    const host = page.locator('#editor-checkout-trace');
    await host.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 70));
    await expect(exercise.getByRole('button', { name: 'Run', exact: true })).not.toBeInViewport();
    await pressInEditor(host, 'Control+Enter');

    const text = await finishedSummary(exercise);
    await expect(summaryOf(exercise)).toBeInViewport();
    await expect(page.locator('[aria-live]').filter({ hasText: text })).toHaveCount(1);
  });
});

test('a lesson links to the full-screen page of its exercise, and back', async ({ page }) => {
  await page.goto('/lessons/custom-spans/');
  await exerciseIn(page, 'checkout-trace').getByRole('link', { name: /^Open full screen/ }).click();
  await expect(page).toHaveURL(/\/exercises\/checkout-trace\/$/);
  await page.getByRole('link', { name: /Back to the lesson: Creating custom spans/ }).click();
  await expect(page).toHaveURL(/\/lessons\/custom-spans\/#exercise-checkout-trace-title$/);
  await expect(page.locator('#exercise-checkout-trace-title')).toBeInViewport();
});

test.describe('wide screens', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the full-screen editor shows a 100-column line without scrolling, with results beside it', async ({ page }) => {
    await page.goto('/exercises/checkout-trace/');
    const host = page.locator('#editor-checkout-trace');
    await editorReady(host);
    const line = `// ${'x'.repeat(97)}`;
    await fillEditor(host, `${line}\nexport {};\n`);
    // The model changes at once; Monaco draws the new line on a later frame.
    await expect(host.locator('.view-line', { hasText: /x{97}/ })).toBeVisible();
    const fits = await host.evaluate((el) => {
      const surface = el.querySelector('.monaco-scrollable-element')!.getBoundingClientRect();
      const text = [...el.querySelectorAll('.view-line')].find((l) => (l.textContent ?? '').length >= 100)!.querySelector('span')!.getBoundingClientRect();
      // Monaco's vertical scrollbar is 10 px wide.
      return { right: text.right, room: surface.right - 10, left: text.left, start: surface.left };
    });
    expect(fits.right).toBeLessThanOrEqual(fits.room);
    expect(fits.left).toBeGreaterThanOrEqual(fits.start);
    // Side by side: the checks start beside the editor, not below it.
    const editorBox = (await host.boundingBox())!;
    const checksBox = (await page.getByRole('list', { name: 'Checks' }).boundingBox())!;
    expect(checksBox.x).toBeGreaterThanOrEqual(editorBox.x + editorBox.width);
    expect(checksBox.y).toBeLessThan(editorBox.y + editorBox.height);
  });
});

test.describe('phones', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  for (const path of ['/lessons/custom-spans/', '/exercises/checkout-trace/']) {
    test(`${path}: no code line wraps and the page does not scroll sideways`, async ({ page }) => {
      await page.goto(path);
      const host = page.locator('#editor-checkout-trace');
      // The highlighted view, where the editor has not loaded yet (below the fold in a lesson):
      // one line box per line of code.
      const staticLines = await host.evaluate((el) =>
        [...el.querySelectorAll<HTMLElement>('[data-static-file]:not([hidden]) .line')].map((line) => line.getBoundingClientRect().height / parseFloat(getComputedStyle(line).lineHeight)),
      );
      if (path.startsWith('/lessons/')) expect(staticLines.length).toBeGreaterThan(5);
      for (const lines of staticLines) expect(lines).toBeLessThan(1.5);
      await host.scrollIntoViewIfNeeded();

      // Monaco: every line on screen is a whole line of the file (a wrapped line would show in pieces).
      await editorReady(host);
      const code = (await editorValue(host)).split('\n').map((l) => l.trimEnd());
      const shown = await host.locator('.view-line').evaluateAll((lines) => lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()));
      expect(shown.length).toBeGreaterThan(5);
      for (const text of shown) expect(code).toContain(text);

      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    });
  }
});

test('the hint button says which hint comes next, in the name screen readers hear too', async ({ page }) => {
  await page.goto('/exercises/failing-payment/');
  const exercise = exerciseIn(page, 'failing-payment');
  const hint = exercise.getByRole('button', { name: 'Hint', exact: true });
  await hint.click();
  const next = exercise.getByRole('button', { name: /^Hint 2 of \d+$/ });
  await expect(next).toBeVisible();
  expect(await next.textContent()).toBe(await next.evaluate((el) => el.getAttribute('aria-label') ?? el.textContent));
  // Contract-style lookups still find it.
  await expect(exercise.getByRole('button', { name: 'Hint' })).toHaveCount(1);
});

test('a glossary tip near the bottom of the window opens upward, inside the window', async ({ page }) => {
  await page.goto('/lessons/traces-and-spans/');
  const term = page.locator('.term').nth(2);
  // The term on the window's last line.
  await term.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().bottom - window.innerHeight + 6));
  await term.locator('.term__trigger').hover();
  const tip = term.locator('.term__tip');
  await expect(tip).toBeVisible();
  await expect(term).toHaveAttribute('data-tip-above', '');
  await expect(tip).toBeInViewport({ ratio: 1 });
});

test('with progress, the home page offers to continue and says how far the learner is, in words', async ({ page }) => {
  // A trace-reading exercise counts like any other.
  await page.goto('/lessons/traces-and-spans/');
  const exercise = exerciseIn(page, 'find-the-bottleneck');
  await expect(exercise.getByRole('treegrid', { name: 'Span tree' })).toBeVisible();
  page.once('dialog', (dialog) => void dialog.accept());
  await exercise.getByRole('button', { name: 'Show solution' }).click();
  await exercise.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(exercise.getByText('Passed', { exact: true })).toBeVisible({ timeout: 60_000 });
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Continue: Traces and spans' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Start with lesson 1' })).toHaveCount(0);
  await expect(page.locator('.lesson-card', { hasText: 'Traces and spans' }).locator('.progress-mark')).toHaveText('1 of 3 exercises passed');
});

test('after a reload, the last run shows again: checks, output summary and trace', async ({ page }) => {
  await page.goto('/exercises/checkout-trace/');
  const exercise = exerciseIn(page, 'checkout-trace');
  page.once('dialog', (dialog) => void dialog.accept());
  await exercise.getByRole('button', { name: 'Show solution' }).click();
  await exercise.getByRole('button', { name: 'Run', exact: true }).click();
  const text = await finishedSummary(exercise);
  await expect(exercise.getByRole('treegrid', { name: 'Span tree' })).toBeVisible({ timeout: 120_000 });
  const checks = await exercise.getByRole('list', { name: 'Checks' }).getByRole('listitem').allTextContents();

  await page.reload();
  const again = exerciseIn(page, 'checkout-trace');
  await expect(summaryOf(again)).toHaveText(`Last run: ${text}`, { timeout: 20_000 });
  await expect(again.getByRole('list', { name: 'Checks' }).getByRole('listitem')).toHaveText(checks);
  await expect(again.getByRole('treegrid', { name: 'Span tree' }).getByRole('row', { name: /^POST \/checkout, [\d.]+ ms/ })).toBeVisible();
});
