import { expect, test, type Locator, type Page } from '@playwright/test';
import { openExercise } from '../helpers/exercise-page.ts';

// The fixture course's trace-reading exercise `read-checkout` (lesson "Second steps"): the
// checkout trace, a span question (the bottleneck), a number (the root's self time) and a span
// set (the critical path).
const id = 'read-checkout';

// Many steps, each quick; on a busy machine they add up.
test.describe.configure({ timeout: 180_000 });

const tree = (exercise: Locator) => exercise.getByRole('treegrid', { name: 'Span tree' });
const row = (exercise: Locator, name: string) => tree(exercise).getByRole('row', { name: new RegExp(`^${name.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&')},`) });
const question = (exercise: Locator, n: number) => exercise.getByRole('list', { name: 'Questions' }).getByRole('listitem').filter({ hasText: `Question ${n}.` });
const checkItem = (exercise: Locator, title: string) => exercise.getByRole('list', { name: 'Checks' }).getByRole('listitem').filter({ hasText: title });

/** Moves to a span in the tree with the arrow keys and selects it with Enter, as a keyboard user does. */
async function selectWithKeyboard(page: Page, exercise: Locator, downs: number): Promise<void> {
  await row(exercise, 'POST /checkout').focus();
  for (let i = 0; i < downs; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

test('a trace-reading exercise: Check, not Run; answers come from the span tree by keyboard, are shown as text, and are graded with teaching messages', async ({ page }) => {
  const exercise = await openExercise(page, id);
  await expect(exercise.getByRole('button', { name: 'Run', exact: true })).toHaveCount(0);
  await expect(exercise.getByRole('combobox', { name: 'Runtime' })).toHaveCount(0);
  // The viewer does not give the bottleneck away.
  await expect(tree(exercise).getByRole('row', { name: /bottleneck/ })).toHaveCount(0);
  const check = exercise.getByRole('button', { name: 'Check', exact: true });

  // The starter: nothing answered, every check fails and says what to do.
  await check.click();
  await expect(checkItem(exercise, 'You found the bottleneck')).toContainText('failed');
  await expect(checkItem(exercise, 'You found the bottleneck')).toContainText('Not answered yet');
  await expect(exercise.getByText('Not passed yet', { exact: true })).toBeVisible();

  // A wrong answer, chosen with the keyboard: `charge payment` (the fourth row).
  await selectWithKeyboard(page, exercise, 3);
  await expect(row(exercise, 'charge payment')).toHaveAttribute('aria-selected', 'true');
  await expect(exercise.locator('[data-selected-span]')).toHaveText('Selected in the trace: charge payment (checkout, 380 ms)');
  await page.keyboard.press('Tab');
  await question(exercise, 1).getByRole('button', { name: 'Use selected span for question 1' }).press('Enter');
  await expect(question(exercise, 1)).toContainText('Your answer: charge payment (checkout, 380 ms)');
  await question(exercise, 2).getByRole('spinbutton', { name: 'Your answer to question 2, in ms' }).fill('450');
  await check.click();
  await expect(checkItem(exercise, 'You found the bottleneck')).toContainText('its children account for 375 ms of its 380 ms');
  await expect(checkItem(exercise, 'self time of')).toContainText('450 ms is the whole duration of');

  // Right answers: the Stripe call, 35 ms, and the critical path added span by span.
  await selectWithKeyboard(page, exercise, 4);
  await question(exercise, 1).getByRole('button', { name: 'Use selected span for question 1' }).click();
  await question(exercise, 2).getByRole('spinbutton').fill('35');
  for (let down = 0; down <= 5; down++) {
    await selectWithKeyboard(page, exercise, down);
    await question(exercise, 3).getByRole('button', { name: 'Add selected span to question 3' }).click();
  }
  await expect(question(exercise, 3).getByRole('list', { name: 'Your spans for question 3' }).getByRole('listitem')).toHaveCount(6);
  await check.click();
  await expect(exercise.locator('[data-checks-summary]')).toHaveText('3 of 3 passed');
  await expect(exercise.locator('[data-run-summary]')).toHaveText('All 3 checks passed');
  await expect(exercise.getByText('Passed', { exact: true })).toBeVisible();

  // The answers are the draft: they survive a reload.
  await page.reload();
  const again = page.locator(`[data-exercise="${id}"]`);
  await expect(question(again, 1)).toContainText('Your answer: stripe api call (checkout, 375 ms)');
  await expect(question(again, 2).getByRole('spinbutton')).toHaveValue('35');
  await expect(again.getByText('Passed', { exact: true })).toBeVisible();
  // So does the last Check, shown as such.
  await expect(again.locator('[data-checks-summary]')).toHaveText('3 of 3 passed');
  await expect(again.locator('[data-run-summary]')).toHaveText('Last check: All 3 checks passed');

  // Reset empties them, and "Restore my answers" brings them back.
  await again.getByRole('button', { name: 'Reset' }).click();
  await expect(question(again, 1)).toContainText('Your answer: none yet.');
  await again.getByRole('button', { name: 'Restore my answers' }).click();
  await expect(question(again, 1)).toContainText('Your answer: stripe api call');

  // The lesson list counts it like any exercise.
  await page.goto('/');
  await expect(page.locator('.lesson-card', { hasText: 'Second steps' }).locator('.progress-mark')).toContainText('1 of 1 exercises passed');
});

test('a trace-reading exercise: Show solution fills in the reference answers, which pass', async ({ page }) => {
  const exercise = await openExercise(page, id);
  page.once('dialog', (dialog) => void dialog.accept());
  await exercise.getByRole('button', { name: 'Show solution' }).click();
  await expect(question(exercise, 1)).toContainText('Your answer: stripe api call');
  await expect(question(exercise, 3).getByRole('listitem')).toHaveCount(6);
  await exercise.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(exercise.locator('[data-checks-summary]')).toHaveText('3 of 3 passed');
  // "Show in trace" selects the answer in the viewer.
  await question(exercise, 1).getByRole('button', { name: /^Show in trace/ }).click();
  await expect(row(exercise, 'stripe api call')).toHaveAttribute('aria-selected', 'true');
});
