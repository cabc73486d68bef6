import { expect, test, type Page } from '@playwright/test';
import { violations, violationsInEachMode, settledPage as open } from '../helpers/axe.ts';
import { fixtureCourse } from '../helpers/content.ts';
import { lessonPaths } from '../helpers/course-pages.ts';

// Every kind of page the engine renders, on the fixture course (one exercise page: they share
// their layout, and axe over Monaco is slow): tests/e2e/course/ runs axe on this course's own pages.
const pages = ['/', ...lessonPaths(fixtureCourse), '/exercises/checkout/', '/viewer/', '/playground/', '/glossary/'];
// The service worker is blocked in every test but its own (playwright.config.ts): the update
// notice gets its axe check in offline.spec.ts.

for (const url of pages) {
  test(`${url} has no WCAG 2.2 AA violations, in either theme or at phone width`, async ({ page }) => {
    expect(await violationsInEachMode(page, url)).toEqual({ light: [], dark: [], phone: [] });
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the search dialog with results has no violations, ${scheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await open(page, '/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await page.keyboard.press('/');
    await page.keyboard.type('context');
    await expect(page.getByRole('status').filter({ hasText: /results? for “context”/ })).toBeVisible();
    await page.keyboard.press('ArrowDown');
    expect(await violations(page)).toEqual([]);
  });
}

test('the first Tab reaches "Skip to content", and Enter moves focus to the main content', async ({ page }) => {
  for (const url of pages) {
    await page.goto(url);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip, url).toBeFocused();
    // It shows itself when focused (it sits off-screen otherwise).
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.height > 0, `${url}: skip link visible`).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main'), url).toBeFocused();
    // The next Tab continues from the main content, not back in the header.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.querySelector('header')!.contains(document.activeElement)), url).toBe(false);
  }
});

/**
 * Tabs through the page and returns each focused element whose focus changes nothing on
 * screen: no outline, ring, border or background change on it or on a close ancestor (an
 * editor shows focus on its frame with :focus-within).
 */
async function elementsWithoutVisibleFocus(page: Page, stops: number): Promise<string[]> {
  const missing: string[] = [];
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab');
    const report = await page.evaluate(() => {
      const el = document.activeElement;
      if (!(el instanceof HTMLElement) || el === document.body) return null;
      const chain: Element[] = [];
      for (let node: Element | null = el; node && chain.length < 6; node = node.parentElement) chain.push(node);
      const look = () =>
        chain
          .map((node) => {
            const s = getComputedStyle(node);
            return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor, s.backgroundColor].join(' ');
          })
          .join(' | ');
      const focused = look();
      el.blur();
      const unfocused = look();
      el.focus();
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`;
      return { name, visible: focused !== unfocused };
    });
    if (report && !report.visible) missing.push(report.name);
  }
  return missing;
}

test('every element reached with Tab shows where the focus is', async ({ page }) => {
  // Four pages, 45 Tab presses each, a style read per stop: close to a minute on 2 busy cores.
  test.setTimeout(180_000);
  for (const url of ['/', '/lessons/first-steps/', '/glossary/', '/exercises/checkout/']) {
    await open(page, url);
    expect(await elementsWithoutVisibleFocus(page, 45), url).toEqual([]);
  }
});

test('a lesson table wider than a phone screen is reached with Tab and scrolled with the arrow keys', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await open(page, '/lessons/second-steps/');
  const wide = page.locator('.prose table[tabindex="0"]').first();
  await expect(wide).toBeAttached();
  await wide.focus();
  await expect(wide).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => wide.evaluate((t) => t.scrollLeft)).toBeGreaterThan(0);
  // At desktop width the same table may fit: then it is no extra Tab stop.
  await page.setViewportSize({ width: 1280, height: 800 });
  const fitting = await page.locator('.prose table').evaluateAll((tables) =>
    tables.filter((t) => t.scrollWidth <= t.clientWidth + 1).map((t) => t.getAttribute('tabindex')),
  );
  expect(fitting.every((t) => t === null)).toBe(true);
});

test.describe('reduced motion', () => {
  /** Elements that animate or transition, with their computed durations. */
  const moving = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('*'), document.documentElement]
        .map((el) => ({ el, style: getComputedStyle(el) }))
        .filter(({ style }) => style.transitionDuration.split(',').some((d) => parseFloat(d) > 0) || style.animationName !== 'none')
        .map(({ el }) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ').join('.')}`),
    );

  test('with the system setting off, the site does animate (so the check below can fail)', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await open(page, '/');
    expect((await moving(page)).length).toBeGreaterThan(0);
  });

  test('with prefers-reduced-motion, nothing transitions or animates, and scrolling jumps', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    for (const url of ['/', '/lessons/first-steps/', '/exercises/checkout/', '/glossary/']) {
      await open(page, url);
      expect(await moving(page), url).toEqual([]);
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior), url).toBe('auto');
    }
    await page.keyboard.press('/');
    await expect(page.getByRole('dialog', { name: 'Search the course' })).toBeVisible();
    expect(await moving(page)).toEqual([]);
  });
});

test('states are shown with text or shape as well as colour', async ({ page }) => {
  await open(page, '/lessons/first-steps/');
  // Links inside lesson text are underlined, not only coloured.
  const prose = await page.locator('.prose p a').evaluateAll((links) => links.map((a) => getComputedStyle(a).textDecorationLine));
  expect(prose.every((d) => d.includes('underline'))).toBe(true);
  // The current lesson in the sidebar: bold as well as tinted.
  const current = page.getByRole('navigation', { name: 'Lessons' }).locator('[aria-current="page"]');
  expect(Number(await current.evaluate((a) => getComputedStyle(a).fontWeight))).toBeGreaterThanOrEqual(600);
  // Error and bottleneck spans in lesson diagrams carry a word, not only a red bar.
  for (const row of await page.locator('.trace-diagram__row[data-status="error"], .trace-diagram__row[data-mark="bottleneck"]').all()) {
    await expect(row).toContainText(/error|bottleneck/);
  }
  // A diagram with several services colours bars per service and also writes the service.
  const diagram = page.locator('.trace-diagram').filter({ has: page.locator('.trace-diagram__legend') }).first();
  const services = await diagram.locator('.trace-diagram__legend li').allTextContents();
  expect(services.length).toBeGreaterThan(1);
  for (const row of await diagram.locator('.trace-diagram__row').all()) {
    const written = row.locator('.trace-diagram__service');
    await expect(written).toBeVisible();
    // The visible part (a hidden ", service " prefix is for screen readers).
    const shown = await written.evaluate((e) => [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim());
    expect(services).toContain(shown);
  }
  // The active search result has a border, not only a background tint.
  await page.keyboard.press('/');
  await page.keyboard.type('span');
  // Once the results of "span" itself are in: those of "s" or "sp" would be replaced, active result and all.
  await expect(page.getByRole('status').filter({ hasText: /results? for “span”/ })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  const border = await page.locator('[role="option"][aria-selected="true"]').evaluate((o) => getComputedStyle(o).borderTopColor);
  const idle = await page.locator('[role="option"][aria-selected="false"]').first().evaluate((o) => getComputedStyle(o).borderTopColor);
  expect(border).not.toBe(idle);
});

test.describe('theme', () => {
  interface FirstPaint {
    /** data-theme when <body> is inserted: after the head's inline script, before module scripts. */
    atBody: string | undefined;
    /** data-theme and the body's background in the first frame (render-blocking CSS applied). */
    atFrame: string | undefined;
    background: string;
  }

  async function firstPaint(page: Page, url: string): Promise<FirstPaint> {
    await page.addInitScript(() => {
      const w = window as unknown as { __firstPaint: Promise<unknown> };
      w.__firstPaint = new Promise((resolve) => {
        new MutationObserver((_, observer) => {
          if (!document.body) return;
          observer.disconnect();
          const atBody = document.documentElement.dataset.theme;
          requestAnimationFrame(() =>
            resolve({ atBody, atFrame: document.documentElement.dataset.theme, background: getComputedStyle(document.body).backgroundColor }),
          );
        }).observe(document, { childList: true, subtree: true });
      });
    });
    await page.goto(url);
    return page.evaluate(() => (window as unknown as { __firstPaint: Promise<FirstPaint> }).__firstPaint);
  }

  const DARK = { atBody: 'dark', atFrame: 'dark', background: 'rgb(17, 19, 23)' };
  const LIGHT = { atBody: 'light', atFrame: 'light', background: 'rgb(255, 255, 255)' };

  test('dark system setting, no stored choice: dark from the first paint', async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    expect(await firstPaint(page, '/lessons/second-steps/')).toEqual(DARK);
    await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
    await context.close();
  });

  test('stored "light" wins over a dark system setting from the first paint', async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    await context.addInitScript(() => localStorage.setItem('course:theme', 'light'));
    const page = await context.newPage();
    expect(await firstPaint(page, '/')).toEqual(LIGHT);
    await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'false');
    await context.close();
  });

  test('the toggle persists the choice across reloads and pages', async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto('/');
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(await page.evaluate(() => localStorage.getItem('course:theme'))).toBe('dark');

    const next = await context.newPage();
    expect(await firstPaint(next, '/glossary/')).toEqual(DARK);
    await expect(next.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
    // Back to light in the second tab: the first tab follows.
    await next.getByRole('button', { name: 'Dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await context.close();
  });

  test('with no stored choice the page follows the system setting as it changes; a choice stops that', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/lessons/passing-context/');
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(html).toHaveAttribute('data-theme', 'light');

    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(html).toHaveAttribute('data-theme', 'dark');
  });
});
