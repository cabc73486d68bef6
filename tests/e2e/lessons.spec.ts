import { expect, test, type Page } from '@playwright/test';
import { fixtureCourse } from '../helpers/content.ts';
import { exercisePaths, lessonPaths } from '../helpers/course-pages.ts';

const lessonCount = lessonPaths(fixtureCourse).length;

/** Fails the test on any error the page logs or throws. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

test('the home page lists every lesson with its summary', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fixture course');
  const cards = page.locator('.lesson-list > li');
  await expect(cards).toHaveCount(lessonCount);
  await expect(cards.first()).toContainText('First steps');
  await expect(cards.first()).toContainText('The first lesson of the fixture course');
});

test('every lesson opens, renders its content and links to its neighbours', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const hrefs = await page.locator('.lesson-list a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  expect(hrefs).toHaveLength(lessonCount);
  for (const [i, href] of hrefs.entries()) {
    const response = await page.goto(href);
    expect(response?.status(), href).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Lessons' }).locator('[aria-current="page"]')).toHaveAttribute('href', href);
    expect(await page.locator('.prose h2').count(), `${href} has sections`).toBeGreaterThan(1);
    await expect(page.locator('a[rel="prev"]')).toHaveCount(i === 0 ? 0 : 1);
    await expect(page.locator('a[rel="next"]')).toHaveCount(i === hrefs.length - 1 ? 0 : 1);
  }
  expect(errors).toEqual([]);
});

test('Next and Previous walk the whole course in order', async ({ page }) => {
  await page.goto('/');
  const expected = await page.locator('.lesson-card__title').allTextContents();
  await page.getByRole('link', { name: 'Start with lesson 1' }).click();
  const visited = [await page.getByRole('heading', { level: 1 }).textContent()];
  while ((await page.locator('a[rel="next"]').count()) > 0) {
    await page.locator('a[rel="next"]').click();
    visited.push(await page.getByRole('heading', { level: 1 }).textContent());
  }
  expect(visited).toEqual(expected);
  await page.locator('a[rel="prev"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(expected.at(-2)!);
});

test('the on-this-page outline links to the sections of the lesson', async ({ page }) => {
  await page.goto('/lessons/first-steps/');
  const outline = page.getByRole('navigation', { name: 'On this page' });
  const first = outline.getByRole('link').first();
  const target = (await first.getAttribute('href'))!;
  await first.click();
  await expect(page).toHaveURL(new RegExp(`${target}$`));
  await expect(page.locator(target)).toBeInViewport();
});

test('a trace diagram is drawn to scale, with the bottleneck marked in words', async ({ page }) => {
  await page.goto('/lessons/first-steps/');
  const diagram = page.locator('.trace-diagram').first();
  await expect(diagram).toBeVisible();
  const query = diagram.locator('li', { hasText: 'query' });
  await expect(query).toContainText('80 ms');
  await expect(query).toContainText('bottleneck');
  // The bar is drawn to scale: 80 of 100 ms.
  const [bar, track] = await Promise.all([query.locator('.trace-diagram__bar').boundingBox(), query.locator('.trace-diagram__track').boundingBox()]);
  expect(bar!.width / track!.width).toBeCloseTo(80 / 100, 1);
});

test.describe('at phone width', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('lessons and exercise pages fit the screen, and the lesson menu opens', async ({ page }) => {
    await page.goto('/');
    const hrefs = await page.locator('.lesson-list a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    for (const href of [...hrefs, ...exercisePaths(fixtureCourse), '/playground/', '/glossary/', '/']) {
      await page.goto(href);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${href} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await page.goto(hrefs[0]!);
    const menu = page.getByRole('navigation', { name: 'Lessons' });
    await expect(menu.getByRole('link').first()).toBeHidden();
    await menu.getByText('Lessons').click();
    await expect(menu.getByRole('link')).toHaveCount(lessonCount);
    await expect(menu.getByRole('link').first()).toBeVisible();
  });
});
