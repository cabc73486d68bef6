import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { fixtureCourse } from '../helpers/content.ts';
import { lessonFiles, readGlossary } from '../helpers/course-pages.ts';

const searchField = (page: Page) => page.getByRole('combobox', { name: 'Search lessons and glossary' });
const results = (page: Page) => page.getByRole('listbox', { name: 'Search results' }).getByRole('option');

test('the header button named Search opens the dialog with the field focused, at desktop and phone width', async ({ page }) => {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Search the course' })).toBeVisible();
    await expect(searchField(page)).toBeFocused();
    await expect(searchField(page)).toHaveAttribute('aria-expanded', 'false');
  }
});

test('by keyboard: / opens, "traceparent", Down, Enter lands on the lesson that explains it', async ({ page }) => {
  await page.goto('/lessons/first-steps/');
  await page.keyboard.press('/');
  await expect(searchField(page)).toBeFocused();
  await page.keyboard.type('traceparent');
  await expect(results(page).first()).toBeVisible();
  // The "/" that opened the dialog is not typed into the field.
  await expect(searchField(page)).toHaveValue('traceparent');
  await expect(searchField(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('status').filter({ hasText: /results? for “traceparent”/ })).toBeVisible();

  await page.keyboard.press('ArrowDown');
  const first = results(page).first();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(searchField(page)).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
  await expect(first).toContainText('Passing context');

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/lessons\/passing-context\/(#[\w-]+)?$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Passing context');
});

test('Up and Down move the active result and wrap around; focus stays in the field', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('/');
  await page.keyboard.type('sampler');
  // The results of "sampler" itself: those of a shorter query ("sample") may show first, and the
  // final ones replace them and the active result with them.
  await expect(page.getByRole('status').filter({ hasText: /results for “sampler”/ })).toBeVisible();
  await expect(results(page).nth(1)).toBeVisible();
  const count = await results(page).count();
  await page.keyboard.press('ArrowUp');
  await expect(results(page).last()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(results(page).first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(results(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(results(page).first()).toHaveAttribute('aria-selected', 'false');
  await expect(page.locator('[role="option"][aria-selected="true"]')).toHaveCount(1);
  await expect(searchField(page)).toBeFocused();
  expect(count).toBeGreaterThan(1);
});

test('Ctrl+K and Cmd+K open the search; Escape closes it and gives focus back', async ({ page }) => {
  await page.goto('/lessons/second-steps/');
  const glossaryLink = page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Glossary' });
  for (const shortcut of ['Control+k', 'Meta+k']) {
    await glossaryLink.focus();
    await page.keyboard.press(shortcut);
    await expect(searchField(page)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Search the course' })).toBeHidden();
    await expect(glossaryLink).toBeFocused();
  }
  // Opened from the button, closed with the Close button: focus returns to the button.
  const button = page.getByRole('button', { name: 'Search', exact: true });
  await button.click();
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(button).toBeFocused();
});

test('the shortcuts stay keys to type while the learner types in a field or an editable region', async ({ page }) => {
  await page.goto('/glossary/');
  await page.evaluate(() => {
    const main = document.querySelector('main')!;
    main.insertAdjacentHTML('afterbegin', '<input aria-label="probe input"><textarea aria-label="probe area"></textarea><div contenteditable="true" aria-label="probe editable"></div>');
  });
  const dialog = page.getByRole('dialog', { name: 'Search the course' });
  await page.getByLabel('probe input').focus();
  await page.keyboard.press('/');
  await page.keyboard.press('Control+k');
  await expect(page.getByLabel('probe input')).toHaveValue('/');
  await page.getByLabel('probe area').focus();
  await page.keyboard.type('a/b');
  await expect(page.getByLabel('probe area')).toHaveValue('a/b');
  await page.getByLabel('probe editable').focus();
  await page.keyboard.press('/');
  await expect(page.getByLabel('probe editable')).toHaveText('/');
  await expect(dialog).toBeHidden();
  // The same key on the page itself opens the search.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('/');
  await expect(dialog).toBeVisible();
});

test('each result shows the lesson, the heading and an excerpt; excerpts are text with <mark>, never parsed HTML', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('/');
  await page.keyboard.type('Promise');
  await expect(page.getByRole('status').filter({ hasText: /results? for “Promise”/ })).toBeVisible();
  const shown = await results(page).evaluateAll((options) =>
    options.map((o) => ({
      page: o.querySelector('.search-hit__page')?.textContent ?? '',
      heading: o.querySelector('.search-hit__heading')?.textContent ?? null,
      excerpt: o.querySelector('.search-hit__excerpt')?.textContent ?? '',
      excerptTags: [...(o.querySelector('.search-hit__excerpt')?.querySelectorAll('*') ?? [])].map((e) => e.tagName),
      url: o.getAttribute('data-url') ?? '',
    })),
  );
  for (const hit of shown) {
    expect(hit.page, JSON.stringify(hit)).not.toBe('');
    expect(hit.excerpt, JSON.stringify(hit)).not.toBe('');
    expect(new Set(hit.excerptTags), JSON.stringify(hit)).toEqual(new Set(['MARK']));
    // Only lesson and glossary pages are indexed.
    expect(hit.url).toMatch(/^\/(lessons\/[\w-]+|glossary)\/(#[\w-]+)?$/);
  }
  expect(shown.some((h) => h.heading !== null)).toBe(true);
  // Code in the lessons (`Promise<void>`) shows its angle brackets as characters.
  expect(shown.some((h) => /Promise<\w+>/.test(h.excerpt))).toBe(true);
});

test('the index holds the text of lessons and the glossary, without navigation, exercise widgets or glossary pop-ups', async ({ page }) => {
  const glossary = readGlossary(fixtureCourse);
  const lessons = lessonFiles(fixtureCourse);
  await page.goto('/');
  // Every lesson talks about spans: one search returns every indexed page with its full text.
  const pages = await page.evaluate(async () => {
    const pagefind = await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`);
    const found: { results: { data: () => Promise<{ url: string; content: string }> }[] } = await pagefind.search('span');
    return Promise.all(found.results.map(async (r) => r.data()));
  });
  const urls = pages.map((p) => p.url).sort();
  expect(urls.filter((u) => u.startsWith('/lessons/'))).toHaveLength(lessons.length);
  expect(urls.every((u) => /^\/(lessons\/[\w-]+|glossary)\/$/.test(u)), urls.join(' ')).toBe(true);
  for (const file of lessons) {
    const slug = file.replace(/\.mdx$/, '').replace(/^\d+-/, '');
    const { content } = pages.find((p) => p.url === `/lessons/${slug}/`)!;
    const source = fs.readFileSync(`${fixtureCourse}/lessons/${file}`, 'utf8');
    expect(content, slug).not.toMatch(/Lesson \d+ of \d+/);
    expect(content, slug).not.toContain('Show solution');
    expect(content, slug).not.toContain('Press Run to check your code');
    for (const [, id] of source.matchAll(/<Term id="([\w-]+)"/g)) {
      const term = glossary[id!]!;
      expect(content, `${slug}: definition of ${id}`).not.toContain(term.definition.trim().slice(0, 60));
    }
  }
  const glossaryPage = pages.find((p) => p.url === '/glossary/');
  expect(glossaryPage?.content).toContain(glossary.span!.definition.trim().slice(0, 60));
});

test('a click on a result opens it; a search with no match says so', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await searchField(page).fill('zzzqqqx');
  await expect(page.getByRole('status')).toHaveText('No results for “zzzqqqx”.');
  await expect(page.getByRole('listbox', { name: 'Search results' })).toBeHidden();
  await searchField(page).fill('exporter');
  await results(page).first().click();
  await expect(page).toHaveURL(/\/(lessons\/[\w-]+|glossary)\/(#[\w-]+)?$/);
});

test('reading a page downloads no search code until the search opens', async ({ page }) => {
  const requested: string[] = [];
  // The page's own requests: the service worker downloads the index for offline use, in the background.
  page.on('request', (r) => r.serviceWorker() === null && requested.push(new URL(r.url()).pathname));
  await page.goto('/lessons/first-steps/');
  await page.waitForLoadState('networkidle');
  expect(requested.filter((p) => p.includes('/pagefind/'))).toEqual([]);
  await page.keyboard.press('/');
  await page.keyboard.type('span');
  await expect(results(page).first()).toBeVisible();
  expect(requested).toContain('/pagefind/pagefind.js');
});
