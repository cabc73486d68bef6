import { expect, test } from '@playwright/test';
import { editorReady, editorValue, fillEditor } from '../../helpers/editor.ts';

const id = 'two-tier-tail-sampling';

test('a Collector configuration exercise: Check, not Run; the starter fails, a syntax error is shown at its line, the solution passes', async ({ page }) => {
  await page.goto(`/exercises/${id}/`);
  const exercise = page.locator(`[data-exercise="${id}"]`);
  const host = page.locator(`#editor-${id}`);
  await expect(host).toBeVisible();
  await expect(exercise.getByRole('button', { name: 'Run' })).toHaveCount(0);
  await expect(exercise.getByRole('combobox', { name: 'Runtime' })).toHaveCount(0);
  const check = exercise.getByRole('button', { name: 'Check' });
  const checks = exercise.getByRole('list', { name: 'Checks' });
  const output = exercise.getByRole('region', { name: 'Output' });

  // The starter is valid YAML that fails checks, with what was expected and found.
  await check.click();
  await expect(checks.getByRole('listitem').filter({ hasText: 'failed: The first tier routes every span of a trace to the same gateway' })).toContainText('it routes by service');
  await expect(checks.getByRole('listitem').filter({ hasText: 'Every trace with an error is kept' })).toContainText('failed');
  await expect(exercise.getByText('Not passed yet', { exact: true })).toBeVisible();

  // A YAML syntax error: no check runs, and Output and the editor say where it is.
  await editorReady(host);
  const starter = await editorValue(host);
  await fillEditor(host, starter.replace('    routing_key: service', '    routing_key: service: traceID'));
  await check.click();
  await expect(checks.getByRole('listitem').first()).toContainText(/collector\.yaml:\d+:\d+: YAML syntax/);
  await expect(output.getByRole('listitem').first()).toContainText(/collector\.yaml:\d+:\d+ Configuration error: YAML syntax/);
  await expect(host.locator('.squiggly-error').first()).toBeAttached();

  // A misspelt processor is named with the nearest real one.
  await fillEditor(host, starter.replace('  tail_sampling:\n    decision_wait', '  tail_samplng:\n    decision_wait'));
  await check.click();
  await expect(output).toContainText('unknown processor type tail_samplng; did you mean tail_sampling?');

  // The reference solution passes every check.
  page.once('dialog', (dialog) => void dialog.accept());
  await exercise.getByRole('button', { name: 'Show solution' }).click();
  await check.click();
  await expect(exercise.locator('[data-checks-summary]')).toHaveText('7 of 7 passed');
  await expect(exercise.getByText('Passed', { exact: true })).toBeVisible();
  await expect(output).toContainText('The Collector reads this configuration without a problem.');
});
