import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** The WCAG 2.2 AA rules whose outcome depends on colours: all that a change of theme can change. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * The lines of highlighted code blocks: thousands of coloured tokens on a lesson, the same text
 * in the same colours at any width. Axe takes about twice as long over a lesson with them.
 */
const CODE_LINES = 'pre.astro-code .line';

export interface AxeScope {
  /** Only these rules (all of WCAG 2.2 AA by default). */
  rules?: readonly string[];
  /** Elements left out, as a selector. */
  exclude?: string;
}

/** One line per WCAG 2.2 AA violation, with the elements, so a failure says what to fix. */
export async function violations(page: Page, { rules, exclude }: AxeScope = {}): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (exclude) builder.exclude(exclude);
  const { violations } = await (rules ? builder.withRules([...rules]) : builder.withTags(WCAG_22_AA)).analyze();
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

export type AxeMode = 'light' | 'dark' | 'phone';

/**
 * A page's WCAG 2.2 AA violations in the light theme, the dark theme and at phone width, from
 * two loads rather than three, and without going over code lines twice in the same colours:
 * axe takes seconds over a lesson, and most of its rules give the same answer in both themes.
 */
export async function violationsInEachMode(page: Page, url: string): Promise<Record<AxeMode, string[]>> {
  await page.emulateMedia({ colorScheme: 'light' });
  await settledPage(page, url);
  await page.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
  const light = await violations(page);
  // The page follows the system setting as it changes. Without motion, no colour is read halfway
  // through a transition.
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  const dark = await violations(page, { rules: COLOUR_RULES });
  // A page lays itself out as it loads, so phone width gets a load of its own, with every rule.
  // The lines of code blocks were checked in light (they have no other colours at this width, and
  // their block, which scrolls sideways here, is still checked).
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });
  await page.setViewportSize({ width: 375, height: 740 });
  await settledPage(page, url);
  const phone = await violations(page, { exclude: CODE_LINES });
  return { light, dark, phone };
}
