import { expect, test, type Page } from '@playwright/test';
import { editorCursor, editorInput, editorReady, editorValue, fillEditor, focusEditor, pressInEditor, typeInEditor } from '../helpers/editor.ts';
import { editorOf, openExercise } from '../helpers/exercise-page.ts';

const DRAFT_KEY = 'course:v1:draft:playground';
const host = (page: Page) => page.locator('#playground-code');

async function openPlayground(page: Page): Promise<void> {
  await page.goto('/playground/');
  await expect(editorReady(host(page))).resolves.toBe('monaco');
}

const storedDraft = (page: Page) =>
  page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null') as { code: string; cursor?: { line: number; column: number } } | null, DRAFT_KEY);

// page.route() does not see requests the course's service worker answers, and some tests hold Monaco back.
test.use({ serviceWorkers: 'block' });

test.describe('the code editor', () => {
  test('shows the starter highlighted at once, then Monaco takes its place without moving it', async ({ page }) => {
    // Hold Monaco back, to look at the page as it is before the editor has loaded.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/monaco-backend.*.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/playground/');
    const code = host(page);
    const preview = code.locator('.code-editor__static pre.astro-code');
    await expect(preview).toBeVisible();
    await expect(preview).toContainText("import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';");
    // Highlighted: keywords carry Shiki's colours.
    await expect(preview.locator('span', { hasText: /^import$/ }).first()).toHaveCSS('color', 'rgb(207, 34, 46)');
    await expect(code).toHaveAttribute('data-editor', 'loading');
    const before = await preview.locator('.line').nth(3).boundingBox();

    release();
    await expect(editorReady(code)).resolves.toBe('monaco');
    await expect(code.locator('.code-editor__static')).toHaveCount(0);
    // Monaco renders its lines a frame after it is ready, and may draw them again: take the
    // line's box once it has one.
    const line = code.locator('.view-line').nth(3);
    await expect(line).toBeVisible();
    let after: Awaited<ReturnType<typeof line.boundingBox>> = null;
    await expect.poll(async () => (after = await line.boundingBox())).not.toBeNull();
    expect(Math.abs(after!.y - before!.y)).toBeLessThanOrEqual(1);
  });

  test('completes the OpenTelemetry API: `startActiveSpan` after `tracer.`', async ({ page }) => {
    await openPlayground(page);
    const code = host(page);
    await fillEditor(code, "import { trace } from '@opentelemetry/api';\nconst tracer = trace.getTracer('shop');\n");
    await page.keyboard.press('ControlOrMeta+End');
    await typeInEditor(code, 'tracer.');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'startActiveSpan' });
    await expect(suggestion).toBeVisible({ timeout: 20_000 });
    await page.keyboard.press('Escape');
    await typeInEditor(code, 'startAc');
    await expect(suggestion).toBeVisible();
    await page.keyboard.press('Enter');
    await expect.poll(() => editorValue(code)).toContain('tracer.startActiveSpan');
  });

  test('shows the API’s documentation on hover and the parameters while typing a call', async ({ page }) => {
    await openPlayground(page);
    const code = host(page);
    await fillEditor(code, "import { trace } from '@opentelemetry/api';\nconst tracer = trace.getTracer('shop');\n");
    await page.keyboard.press('ControlOrMeta+End');
    await typeInEditor(code, 'tracer.startSpan(');
    await expect(page.locator('.parameter-hints-widget')).toContainText('name: string', { timeout: 20_000 });
    await page.keyboard.press('Escape');
    // Hovering `trace` in `trace.getTracer(...)` shows its type and its documentation from the package.
    await code.locator('.view-line', { hasText: 'getTracer' }).getByText('trace', { exact: false }).first().hover();
    const hover = page.locator('.monaco-hover:not(.hidden)');
    await expect(hover).toContainText('const trace: TraceAPI', { timeout: 20_000 });
    await expect(hover).toContainText('Entrypoint for trace API');
  });

  test('marks a type error in place, with TypeScript’s message', async ({ page }) => {
    await openPlayground(page);
    const code = host(page);
    await fillEditor(code, "import { trace } from '@opentelemetry/api';\n\ntrace.getTracer('shop').startSpan('pay').setStatus({ code: 'ERROR' });\n");
    await expect(code.locator('.squiggly-error')).toHaveCount(1, { timeout: 20_000 });
    // F8 goes to the problem and shows its message.
    await pressInEditor(code, 'F8');
    await expect(page.locator('.marker-widget')).toContainText("Type 'string' is not assignable to type 'SpanStatusCode'.");
    await expect.poll(() => editorCursor(code)).toMatchObject({ line: 3 });
  });

  test('runs with Ctrl+Enter and marks the runtime error on its line', async ({ page }) => {
    await openPlayground(page);
    const code = host(page);
    await fillEditor(code, "export function main() {\n  const card = 'declined';\n  throw new Error(`card ${card}`);\n}\n");
    await pressInEditor(code, 'Control+Enter');
    await expect(page.getByRole('region', { name: 'Output' })).toContainText('main.ts:3:9 Error: card declined');
    const errorLine = code.locator('.code-editor__run-error-line');
    await expect(errorLine).toHaveCount(1);
    // The tinted line is the third one of the file.
    const third = await code.locator('.view-line').nth(2).boundingBox();
    expect(Math.abs((await errorLine.boundingBox())!.y - third!.y)).toBeLessThanOrEqual(1);
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('F8');
    await expect(page.locator('.marker-widget')).toContainText('Error: card declined');
    // The next Run clears the mark of the last one.
    await fillEditor(code, 'export function main() {}\n');
    await pressInEditor(code, 'Control+Enter');
    await expect(page.locator('[data-timings]')).toContainText('ok in');
    await expect(errorLine).toHaveCount(0);
  });

  test('keeps the draft and the cursor over a reload', async ({ page }) => {
    await openPlayground(page);
    const code = host(page);
    await fillEditor(code, "export function main() {\n  console.log('draft');\n}\n");
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await expect.poll(() => storedDraft(page)).toMatchObject({ code: expect.stringContaining("'draft'"), cursor: { line: 2, column: 24 } });

    await page.reload();
    await expect(editorReady(code)).resolves.toBe('monaco');
    expect(await editorValue(code)).toBe("export function main() {\n  console.log('draft');\n}\n");
    expect(await editorCursor(code)).toEqual({ line: 2, column: 24 });
    await typeInEditor(code, ' // here');
    await expect.poll(() => editorValue(code)).toContain("console.log('draft'); // here\n");
  });

  test('Escape then Tab reaches the next control; Tab alone indents', async ({ page }) => {
    await openPlayground(page);
    const code = host(page);
    await fillEditor(code, 'export function main() {\n}\n');
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(editorInput(code)).toBeFocused();
    expect((await editorValue(code)).split('\n')[1]).toMatch(/^ {4}$/);

    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    // Focus is on the first control after the editor, in the page's own order.
    const after = await page.evaluate(() => {
      const active = document.activeElement;
      const editor = document.getElementById('playground-code')!;
      return {
        outside: !!active && active !== document.body && !editor.contains(active),
        following: !!active && !!(editor.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING),
      };
    });
    expect(after).toEqual({ outside: true, following: true });
    await page.keyboard.press('Shift+Tab');
    await expect(editorInput(code)).toBeFocused();
    // Back in the editor, Tab indents again.
    await page.keyboard.press('Tab');
    await expect(editorInput(code)).toBeFocused();
    expect((await editorValue(code)).split('\n')[1]).toMatch(/^ {6}$/);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByRole('button', { name: 'Run' })).toBeFocused();
  });

  test('follows the site’s light and dark theme', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openPlayground(page);
    const monaco = host(page).locator('.monaco-editor').first();
    const background = () => monaco.evaluate((el) => getComputedStyle(el).getPropertyValue('--vscode-editor-background').trim().toLowerCase());
    await expect.poll(background).toBe('#ffffff');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect.poll(background).toBe('#111317');
    await expect(monaco).toHaveClass(/vs-dark/);
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(background).toBe('#ffffff');
  });

  test('formats with Shift+Alt+F using TypeScript’s formatter', async ({ page }) => {
    await openPlayground(page);
    const code = host(page);
    await fillEditor(code, "export   function main(){\nconsole.log( 'x' ,1)\n}\n");
    await pressInEditor(code, 'Shift+Alt+F');
    await expect.poll(() => editorValue(code)).toBe("export function main() {\n  console.log('x', 1)\n}\n");
  });

  test('Reset brings the starter back, and Ctrl+Z or Undo the learner’s code', async ({ page }) => {
    await openPlayground(page);
    const code = host(page);
    const starter = await editorValue(code);
    await fillEditor(code, 'export function main() { /* mine */ }\n');
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => editorValue(code)).toBe(starter);
    await expect(code.getByRole('status')).toContainText('The starter code is back');
    await pressInEditor(code, 'ControlOrMeta+z');
    await expect.poll(() => editorValue(code)).toBe('export function main() { /* mine */ }\n');

    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => editorValue(code)).toBe(starter);
    await code.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => editorValue(code)).toBe('export function main() { /* mine */ }\n');
    await expect.poll(() => storedDraft(page)).toMatchObject({ code: 'export function main() { /* mine */ }\n' });
  });

  test('two tabs never silently overwrite each other’s draft', async ({ context }) => {
    const first = await context.newPage();
    const second = await context.newPage();
    await openPlayground(first);
    await openPlayground(second);
    await fillEditor(host(first), 'export function main() { /* first */ }\n');
    await expect.poll(() => storedDraft(first)).toMatchObject({ code: expect.stringContaining('first') });
    const secondNotice = host(second).getByRole('status');
    await expect(secondNotice).toContainText('changed in another tab');

    // The learner types in the second tab anyway: nothing is saved over the first tab's draft.
    await fillEditor(host(second), 'export function main() { /* second */ }\n');
    // Leaving the page saves at once whatever waits for its save: here, nothing may.
    await second.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
    expect((await storedDraft(second))!.code).toContain('/* first */');

    // They keep this tab's code: now it is saved, and the first tab is asked in turn.
    await secondNotice.getByRole('button', { name: 'Keep this version' }).click();
    await expect.poll(() => storedDraft(second)).toMatchObject({ code: expect.stringContaining('/* second */') });
    await expect(secondNotice).toBeHidden();
    const firstNotice = host(first).getByRole('status');
    await expect(firstNotice).toContainText('changed in another tab');
    await firstNotice.getByRole('button', { name: 'Use the other tab’s version' }).click();
    await expect.poll(() => editorValue(host(first))).toContain('/* second */');
    // Taking it is an edit like any other: Ctrl+Z brings the first tab's code back.
    await pressInEditor(host(first), 'ControlOrMeta+z');
    await expect.poll(() => editorValue(host(first))).toContain('/* first */');
  });

  test('a plain textarea stands in when Monaco cannot load, and still runs', async ({ page }) => {
    await page.route('**/monaco-backend.*.js', (route) => route.abort());
    await page.goto('/playground/');
    const code = host(page);
    await expect(editorReady(code)).resolves.toBe('textarea');
    await expect(code.getByRole('status')).toContainText('could not load');
    await fillEditor(code, "export function main() {\n  console.log('from the textarea');\n}\n");
    await pressInEditor(code, 'Control+Enter');
    await expect(page.getByRole('region', { name: 'Output' })).toContainText('from the textarea');
    // Tab is the browser's: it leaves the textarea.
    await pressInEditor(code, 'Shift+Tab');
    await expect(page.getByRole('button', { name: 'Run' })).toBeFocused();
  });
});

test('the editor’s TypeScript worker loads when the learner comes to the editor, not for reading or running the starter', async ({ page }) => {
  const typescriptWorkers = () => page.workers().filter((worker) => /typescript\.worker/.test(worker.url())).length;
  const exercise = await openExercise(page, 'checkout');
  const code = editorOf(page, 'checkout');
  await expect(editorReady(code)).resolves.toBe('monaco');
  // The starter as it ships was compiled when the site was built: its Run needs no compiler.
  // Run from the keyboard: a pointer left where the editor moves to after a click counts as a
  // learner's pointer over the editor, which starts the worker as it should.
  await exercise.getByRole('button', { name: 'Run' }).press('Enter');
  await expect(exercise.locator('[data-checks-summary]')).toHaveText(/^\d+ of \d+ passed$/);
  expect(typescriptWorkers()).toBe(0);
  await focusEditor(code);
  await expect.poll(typescriptWorkers).toBe(1);
});

test.describe('the code editor on a phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });

  test('uses a 16 px font and keeps a long line whole, scrolling sideways instead of wrapping inside tokens', async ({ page }) => {
    await openPlayground(page);
    const code = host(page);
    await expect(code.locator('.view-lines')).toHaveCSS('font-size', '16px');
    const long = `export const note = '${'a long line of text '.repeat(6)}';\n`;
    await fillEditor(code, long);
    // One line of code and the empty last line: two rows, the text of the first wider than the editor.
    await expect.poll(() => code.locator('.view-line').count()).toBe(2);
    const [lineWidth, editorWidth] = await code.evaluate((el) => [
      el.querySelector('.view-line > span')!.getBoundingClientRect().width,
      el.getBoundingClientRect().width,
    ]);
    expect(lineWidth).toBeGreaterThan(editorWidth);
  });
});
