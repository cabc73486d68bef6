import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions } from '../../src/grading/chromium.ts';
import type { RunRequest, RunResult } from '../../src/runtime/runtime.ts';
import { editorValue, fillEditor } from '../helpers/editor.ts';
import { editorOf, openExercise } from '../helpers/exercise-page.ts';
import { openPlayground } from '../helpers/playground.ts';
import { source } from '../helpers/programs.ts';

/**
 * Learner programs that allocate without bound. What must hold does not depend on how large the
 * heap is, only on reaching its end: a browser of their own, with a heap of 512 MB instead of
 * several GB, gets there in seconds rather than half a minute of allocation on 2 cores.
 */
const chromium = chromiumLaunchOptions('headless-shell');
test.use({ launchOptions: { ...chromium, args: [...(chromium.args ?? []), '--js-flags=--max-old-space-size=512'] } });

test('a program that exhausts memory ends only the sandbox: the page says so, keeps the draft and runs again', async ({ page }) => {
  test.setTimeout(300_000);
  await openPlayground(page);
  const code = page.locator('#playground-code');
  // Strings of 100 MB each, flattened so that their memory is really taken. The run's time limit
  // is far beyond what filling the heap takes, so only the memory can end it.
  const program = "export function main() {\n  const all: string[] = [];\n  for (let i = 0; ; i++) { const s = String(i).padStart(8, '-').repeat(12_500_000); s.indexOf('z'); all.push(s); }\n}";
  await fillEditor(code, program);
  // What the Run button does first: save the draft.
  await page.evaluate(() => window.courseEditors!['playground-code']!.saveDraft());
  // Playwright marks the whole page crashed when any of its frames' processes dies, and then
  // refuses to talk to it; a CDP session of our own still reaches the page, which is alive.
  const cdp = await page.context().newCDPSession(page);
  const evaluate = async <T>(expression: string): Promise<T> => {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(exceptionDetails.text);
    return result.value as T;
  };
  const run = (request: RunRequest) => evaluate<RunResult>(`window.courseRuntime.run(${JSON.stringify(request)})`);
  const toggle = () => evaluate<string>(`(() => { const b = document.querySelector('[data-theme-toggle]'); b.click(); return b.getAttribute('aria-pressed'); })()`);

  const result = await run(source(program, { timeLimitMs: 240_000 }));
  expect(result.exit).toBe('crashed');
  expect(result.errors.map((e) => e.message)).toEqual([expect.stringMatching(/ran out of memory/)]);
  // The page's own button still answers, and flips each time.
  const first = await toggle();
  expect(await toggle()).not.toBe(first);
  expect((await run(source("export function main() { console.log('after the crash'); }"))).console.map((l) => l.text)).toEqual(['after the crash']);
  // The draft is kept: the playground opened again shows it.
  const again = await page.context().newPage();
  await openPlayground(again);
  await expect.poll(() => editorValue(again.locator('#playground-code')), { timeout: 60_000 }).toMatch(/padStart/);
});

test('a program that exhausts memory in the browser loses nothing: the draft is saved before it runs', async ({ page, context }) => {
  const exercise = await openExercise(page, 'hello-span');
  const bomb = 'export async function main() { const all: number[][] = []; for (;;) all.push(new Array(1e6).fill(1)); }\n// memory bomb';
  await fillEditor(editorOf(page, 'hello-span'), bomb);
  const crashed = new Promise<boolean>((resolve) => page.once('crash', () => resolve(true)));
  await exercise.getByRole('button', { name: 'Run' }).click();
  // Chromium ends a page whose Worker runs out of memory; the time limit ends a slower one.
  const result = await Promise.race([crashed, exercise.locator('[data-checks-summary]').filter({ hasText: /passed/ }).waitFor({ timeout: 120_000 }).then(() => false)]);
  const next = await context.newPage();
  await next.goto('/exercises/hello-span/');
  await expect.poll(() => editorValue(next.locator('#editor-hello-span'))).toMatch(/memory bomb$/);
  test.info().annotations.push({ type: 'memory', description: result ? 'the tab crashed' : 'the run was stopped' });
});
