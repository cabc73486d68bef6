import { expect, test, type Page } from '@playwright/test';
import { courseContent, exercisePaths, lessonPaths } from '../../helpers/course-pages.ts';

// This course's own lessons (content/): each one renders without errors, fits a phone screen,
// and the pictures the lessons teach with are drawn as the lessons describe them.

/** Every error the page logs or throws. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

test('the lesson list links every lesson', async ({ page }) => {
  await page.goto('/');
  const hrefs = await page.locator('.lesson-list a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  expect(hrefs.toSorted()).toEqual(lessonPaths(courseContent).toSorted());
});

// One test per page, so that a long course stays within each test's time.
for (const href of lessonPaths(courseContent)) {
  test(`${href} opens without errors, with sections`, async ({ page }) => {
    const errors = watchErrors(page);
    const response = await page.goto(href);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await page.locator('.prose h2').count()).toBeGreaterThan(1);
    expect(errors).toEqual([]);
  });
}

test.describe('at phone width', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  for (const href of [...lessonPaths(courseContent), ...exercisePaths(courseContent)]) {
    test(`${href} fits the screen`, async ({ page }) => {
      await page.goto(href);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'scrolls sideways by').toBeLessThanOrEqual(0);
    });
  }
});

test('"Traces and spans" draws the checkout trace with the payment call marked as the bottleneck', async ({ page }) => {
  await page.goto('/lessons/traces-and-spans/');
  const diagram = page.locator('.trace-diagram').first();
  await expect(diagram).toBeVisible();
  const payment = diagram.locator('li', { hasText: 'Charge payment' });
  await expect(payment).toContainText('bottleneck');
});
