import type { Page } from '@playwright/test';
import type { RunRequest, RunResult } from '../../src/runtime/runtime.ts';

/** The playground, once its Worker runtime is ready (sandbox started, compiler warm). */
export async function openPlayground(page: Page): Promise<void> {
  await page.goto('/playground/');
  await page.evaluate(() => window.courseRuntime!.ready);
}

/** A Run through the playground's runtime, as its Run button makes it, without the editor. */
export const runInWorker = (page: Page, request: RunRequest): Promise<RunResult> => page.evaluate((r) => window.courseRuntime!.run(r), request);
