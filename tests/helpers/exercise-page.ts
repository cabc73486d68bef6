import { expect, type Locator, type Page } from '@playwright/test';

export const editorOf = (page: Page, id: string): Locator => page.locator(`#editor-${id}`);

/** The full-screen page of an exercise, once its editor (or, for a trace-reading exercise, its trace) is on screen. */
export async function openExercise(page: Page, id: string): Promise<Locator> {
  await page.goto(`/exercises/${id}/`);
  const exercise = page.locator(`[data-exercise="${id}"]`);
  // A code exercise shows its editor (and, after an earlier Run, its last trace too); a
  // trace-reading exercise shows its trace.
  await expect(editorOf(page, id).or(exercise.getByRole('treegrid', { name: 'Span tree' })).first()).toBeVisible();
  return exercise;
}

/** Presses Run and waits for the first check result (on a busy machine, a Run can take a minute). */
export async function runAndWait(exercise: Locator): Promise<Locator> {
  const checks = exercise.getByRole('list', { name: 'Checks' });
  await exercise.getByRole('button', { name: /^(Run|Check)$/ }).click();
  await expect(checks.locator('.checks__status').first()).toBeVisible({ timeout: 90_000 });
  return checks;
}

/** Through the page, as a learner: the starter fails a check; Show solution, Run, and every check passes. */
export async function expectStarterFailsAndSolutionPasses(page: Page, id: string): Promise<void> {
  const exercise = await openExercise(page, id);
  const checks = await runAndWait(exercise);
  await expect(checks.getByText('failed', { exact: true }).first()).toBeVisible();

  page.once('dialog', (dialog) => void dialog.accept());
  await exercise.getByRole('button', { name: 'Show solution' }).click();
  await exercise.getByRole('button', { name: /^(Run|Check)$/ }).click();
  await expect(exercise.locator('[data-checks-summary]')).toHaveText(/^(\d+) of \1 passed$/, { timeout: 90_000 });
  const items = await checks.getByRole('listitem').allTextContents();
  expect(items.length).toBeGreaterThanOrEqual(1);
  for (const item of items) expect(item).toMatch(/^✓?\s*passed: /);
  await expect(exercise.getByText('Passed', { exact: true })).toBeVisible();
}
