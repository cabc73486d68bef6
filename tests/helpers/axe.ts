import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** One line per WCAG 2.2 AA violation, with the elements, so a failure says what to fix. */
export async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`).join('\n')}`,
  );
}

/** The page as a learner sees it once it has settled: scripts ran, editors and viewers drawn. */
export async function settledPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  // Network idle is a hint, not a condition: a request Chromium never reports as finished (one
  // refused inside the sealed sandbox frame, say) must not hold the test until its time limit.
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
  await page.evaluate(() => document.fonts.ready);
}
