import { expect, test, type Browser, type Page } from '@playwright/test';
import { editorReady, editorValue, fillEditor } from '../helpers/editor.ts';
import { editorOf, openExercise } from '../helpers/exercise-page.ts';

// Sharing code through a link: the fixture course's `hello-span` exercise. The link carries the
// code in its fragment; opening it never replaces the receiver's own draft without asking.

// Two browsers and up to three page loads each, on pages that first try to boot a WebContainer.
test.describe.configure({ timeout: 180_000 });

const shared = `// shared with the class\nexport async function main(): Promise<void> {\n  console.log('Grüße from a link ✓');\n}\n`;

/** A learner's browser of their own: no draft, no progress. */
async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** Opens `link` as a new document: from the same page, a change of fragment alone would not reload it. */
async function leaveAndOpen(page: Page, link: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(link);
}

async function copyLink(page: Page): Promise<string> {
  const exercise = await openExercise(page, 'hello-span');
  await fillEditor(editorOf(page, 'hello-span'), shared);
  // Only now: with clipboard access, Monaco pastes from the system clipboard, not the paste event.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await exercise.getByRole('button', { name: 'Copy link to my code' }).click();
  await expect(exercise.getByRole('status').filter({ hasText: 'Link to your code copied' })).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('a copied link opens the exercise with the code in it, in a browser that has no draft of it', async ({ page, browser }) => {
  const link = await copyLink(page);
  expect(new URL(link).pathname).toMatch(/\/exercises\/hello-span\/$/);
  expect(link).not.toContain('Gr%C3%BC'); // compressed, not the code as it is

  const friend = await freshPage(browser);
  await friend.goto(link);
  const host = editorOf(friend, 'hello-span');
  await editorReady(host);
  await expect.poll(() => editorValue(host)).toBe(shared);
  await expect(friend.locator('[data-exercise="hello-span"]').getByRole('status').filter({ hasText: 'Opened the code from the link' })).toBeVisible();
  // Answered once: the address no longer carries the code, so a reload does not open it again.
  expect(new URL(friend.url()).hash).toBe('');
  await friend.context().close();
});

test("opening a link asks before it replaces the receiver's own code, and keeps it one click away", async ({ page, browser }) => {
  const link = await copyLink(page);

  const friend = await freshPage(browser);
  await openExercise(friend, 'hello-span');
  const host = editorOf(friend, 'hello-span');
  const own = `${await editorValue(host)}\n// my own attempt`;
  await fillEditor(host, own);
  await expect.poll(() => friend.evaluate(() => Object.values(localStorage).some((v) => v.includes('my own attempt')))).toBe(true);

  await leaveAndOpen(friend, link);
  await editorReady(host);
  const offer = friend.getByRole('group', { name: 'Code from a link' });
  await expect(offer).toContainText('You have your own code here');
  await expect.poll(() => editorValue(host)).toBe(own);
  await offer.getByRole('button', { name: 'Keep my code' }).click();
  await expect(offer).toBeHidden();
  await expect.poll(() => editorValue(host)).toBe(own);

  await leaveAndOpen(friend, link);
  await editorReady(host);
  await friend.getByRole('group', { name: 'Code from a link' }).getByRole('button', { name: 'Open the shared code' }).click();
  await expect.poll(() => editorValue(host)).toBe(shared);
  await friend.getByRole('group', { name: 'Code from a link' }).getByRole('button', { name: 'Restore my code' }).click();
  await expect.poll(() => editorValue(host)).toBe(own);
  await friend.context().close();
});

test('a damaged link says so and changes nothing', async ({ page, browser }) => {
  const link = await copyLink(page);
  // Another browser, so the sender's own draft (saved as they typed) cannot be what shows.
  const friend = await freshPage(browser);
  await friend.goto(link.slice(0, -20));
  const host = editorOf(friend, 'hello-span');
  await editorReady(host);
  await expect(friend.locator('[data-exercise="hello-span"]').getByRole('status').filter({ hasText: 'damaged' })).toBeVisible();
  await expect.poll(() => editorValue(host)).not.toContain('shared with the class');
  await friend.context().close();
});
