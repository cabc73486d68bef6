import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { editorOf, openExercise, runAndWait } from '../helpers/exercise-page.ts';
import { fillEditor } from '../helpers/editor.ts';

// "Compare with the reference" on the fixture course's `checkout` exercise: its reference trace
// was recorded from the solution when the site was built.
test.describe.configure({ timeout: 180_000 });

/**
 * The checkout, traced wrongly: `save order` has no span, the Stripe call is traced outside
 * `charge payment` (its span sits under the request instead), and a `send receipt` span that
 * the reference does not have.
 */
const wrongProgram = `import { SpanKind, trace } from '@opentelemetry/api';
import { checkCart, insertOrder, stripeCharge, verifyToken, type Order } from './shop.js';

const tracer = trace.getTracer('checkout-service', '1.0.0');

function inSpan<T>(name: string, work: () => Promise<T>, kind: SpanKind = SpanKind.INTERNAL): Promise<T> {
  return tracer.startActiveSpan(name, { kind }, async (span) => {
    try {
      return await work();
    } finally {
      span.end();
    }
  });
}

export function checkout(order: Order): Promise<{ chargeId: string }> {
  return inSpan(
    'POST /checkout',
    async () => {
      await inSpan('auth middleware', () => verifyToken(order));
      const total = await inSpan('validate cart', () => checkCart(order));
      await inSpan('charge payment', async () => undefined);
      const chargeId = await inSpan('stripe api call', () => stripeCharge(order.customerId, total), SpanKind.CLIENT);
      await insertOrder(order, chargeId);
      await inSpan('send receipt', async () => undefined);
      return { chargeId };
    },
    SpanKind.SERVER,
  );
}
`;

/** WCAG 2.2 AA violations in the exercise's trace section (the comparison and its viewer). */
async function traceViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .include('[data-exercise="checkout"] .exercise__trace')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function compareWrongProgram(page: Page): Promise<Locator> {
  const exercise = await openExercise(page, 'checkout');
  await fillEditor(editorOf(page, 'checkout'), wrongProgram);
  await runAndWait(exercise);
  await exercise.getByRole('button', { name: 'Compare with the reference' }).click();
  await expect(exercise.getByRole('treegrid', { name: 'Span tree' }).getByRole('row', { name: /, missing: / })).toBeVisible();
  return exercise;
}

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });
  test('the comparison, a span selected, has no WCAG 2.2 AA violations', async ({ page }) => {
    const exercise = await compareWrongProgram(page);
    await exercise.getByRole('treegrid', { name: 'Span tree' }).getByRole('row', { name: /^stripe api call, / }).click();
    await expect(exercise.getByRole('region', { name: 'Compared with the reference' })).toBeVisible();
    expect(await traceViolations(page)).toEqual([]);
    // A span only the reference has, whose details are drawn differently.
    await exercise.getByRole('treegrid', { name: 'Span tree' }).getByRole('row', { name: /^save order, / }).click();
    await expect(exercise.getByText('no: only the reference has this span')).toBeVisible();
    expect(await traceViolations(page)).toEqual([]);
  });
});

test('a wrong program compared with the reference: the missing, moved and extra spans are named in the rows', async ({ page }) => {
  const referenceRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/reference-traces/')) referenceRequests.push(request.url());
  });
  const exercise = await openExercise(page, 'checkout');
  await fillEditor(editorOf(page, 'checkout'), wrongProgram);
  await runAndWait(exercise);

  const tree = exercise.getByRole('treegrid', { name: 'Span tree' });
  await expect(tree.getByRole('row', { name: /^send receipt, / })).toBeVisible();
  // The reference is data the learner has not asked for yet.
  expect(referenceRequests).toEqual([]);

  await exercise.getByRole('button', { name: 'Compare with the reference' }).click();
  await expect(exercise.getByText(/^Compared with the reference: 1 missing, 1 under another parent, 1 extra/)).toBeVisible();
  await expect(tree.getByRole('row', { name: /^save order, .*, missing: in the reference, not in your trace/ })).toBeVisible();
  await expect(tree.getByRole('row', { name: /^stripe api call, .*, moved: the reference has it under charge payment/ })).toBeVisible();
  await expect(tree.getByRole('row', { name: /^send receipt, .*, extra: not in the reference/ })).toBeVisible();
  await expect(tree.getByRole('row', { name: /^auth middleware, .*, as in the reference/ })).toBeVisible();
  expect(referenceRequests).toHaveLength(1);

  // The tree's keyboard works as everywhere: Home, then down to the missing span, Enter shows both timings.
  const rows = tree.getByRole('row');
  await rows.filter({ hasText: 'POST /checkout' }).first().click();
  const missing = tree.getByRole('row', { name: /^save order, / });
  for (let i = 0; i < 8 && (await missing.getAttribute('aria-selected')) !== 'true'; i++) {
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
  }
  await expect(missing).toHaveAttribute('aria-selected', 'true');
  const details = exercise.getByRole('region', { name: 'Span details' });
  const comparison = details.getByRole('region', { name: 'Compared with the reference' });
  await expect(comparison).toContainText('Missing: in the reference, not in your trace.');
  await expect(comparison.getByRole('row', { name: /^Duration/ })).toContainText('not in your trace');
  // Its ids and place in the learner's trace are made up: none of them is shown, nothing to copy,
  // and the critical path does not go through it.
  await expect(details.getByText('no: only the reference has this span')).toBeVisible();
  await expect(details.getByRole('button', { name: /Copy|Go to parent|Zoom/ })).toHaveCount(0);
  await expect(details.getByText(/Span ID|Trace ID|Critical path/)).toHaveCount(0);
  await expect(missing.locator('.tv-segment')).toHaveCount(0);
  await expect(missing.locator('.tv-other-bar')).toBeHidden();
  // A span both traces have: the reference's timing under its bar, explained in the legend.
  const auth = tree.getByRole('row', { name: /^auth middleware, .*, the reference took / });
  await expect(auth.locator('.tv-other-bar')).toBeVisible();
  await expect(exercise.getByRole('list', { name: 'Comparison marks' })).toContainText('thin line under a bar');
  expect(await traceViolations(page)).toEqual([]);

  // And back to the learner's own trace.
  await exercise.getByRole('button', { name: 'Show only my trace' }).click();
  await expect(tree.getByRole('row', { name: /^send receipt, / })).toBeVisible();
  await expect(tree.getByRole('row', { name: /missing|moved|extra/ })).toHaveCount(0);
});

test('a reference timing longer than the axis is drawn cut, fading out at the edge', async ({ page }) => {
  // The payment is never charged: this trace is a few ms long, the reference's payment 150 ms.
  const fast = wrongProgram.replace('() => stripeCharge(order.customerId, total)', "async () => 'ch_fake'");
  const exercise = await openExercise(page, 'checkout');
  await fillEditor(editorOf(page, 'checkout'), fast);
  await runAndWait(exercise);
  await exercise.getByRole('button', { name: 'Compare with the reference' }).click();
  const tree = exercise.getByRole('treegrid', { name: 'Span tree' });
  const charge = tree.getByRole('row', { name: /^charge payment, .*, the reference took / });
  await expect(charge.locator('.tv-other-bar')).toBeVisible();
  await expect(charge.locator('.tv-other-bar')).toHaveAttribute('data-cut', 'end');
  // A reference timing that fits is not marked.
  const auth = tree.getByRole('row', { name: /^auth middleware, .*, the reference took / });
  await expect(auth.locator('.tv-other-bar')).not.toHaveAttribute('data-cut', /./);
  await expect(exercise.getByRole('list', { name: 'Comparison marks' })).toContainText('fading out where it runs past the axis');
});
