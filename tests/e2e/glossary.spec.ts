import { expect, test } from '@playwright/test';
import { fixtureCourse } from '../helpers/content.ts';
import { readGlossary } from '../helpers/course-pages.ts';

test('a glossary term opens its tooltip from the keyboard and Escape closes it', async ({ page }) => {
  await page.goto('/lessons/first-steps/');
  const trigger = page.locator('.term__trigger').first();
  const tipId = (await trigger.getAttribute('aria-describedby'))!;
  const tip = page.locator(`#${tipId}`);
  await expect(tip).toHaveAttribute('role', 'tooltip');
  await expect(tip).toBeHidden();

  // Tab from the element just before the term, as a keyboard user would reach it.
  await trigger.evaluate((el) => {
    const before = document.createElement('button');
    before.textContent = 'before';
    el.parentElement!.before(before);
    before.focus();
  });
  await page.keyboard.press('Tab');
  await expect(trigger).toBeFocused();
  await expect(tip).toBeVisible();
  await expect(trigger).toHaveAccessibleDescription(/.{20,}/);

  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await expect(trigger).toBeFocused();

  // Leaving and coming back shows it again.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(tip).toBeVisible();
});

test('a term shows the definition for its meaning in this course', async ({ page }) => {
  await page.goto('/lessons/first-steps/');
  const term = page.locator('.term[data-term="payment-provider"]').first();
  await expect(term).toHaveCount(1);
  await term.locator('.term__trigger').hover();
  // The payment meaning, from this course's glossary, not the React component of the same word.
  await expect(term.getByRole('tooltip')).toContainText(readGlossary(fixtureCourse)['payment-provider']!.definition);
  await expect(term.getByRole('tooltip')).not.toContainText('component');
});

test('tapping a term toggles its tooltip and tapping elsewhere closes it', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/lessons/first-steps/');
  const term = page.locator('.term').first();
  await term.locator('.term__trigger').click();
  const tip = term.getByRole('tooltip');
  await expect(tip).toBeVisible();
  const box = await tip.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(375);
  await page.locator('h1').click();
  await page.mouse.move(0, 0);
  await expect(tip).toBeHidden();
});

test('the glossary page lists every term', async ({ page }) => {
  await page.goto('/glossary/');
  await expect(page.locator('.glossary__entry')).toHaveCount(Object.keys(readGlossary(fixtureCourse)).length);
});

test('the theme toggle switches to dark and the choice survives a reload', async ({ page }) => {
  await page.goto('/');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
