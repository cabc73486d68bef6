import { check, defineChecks, is } from '#checks';

const steps = ['auth middleware', 'validate cart', 'charge payment', 'save order'];
/** The helper of shop.ts each span wraps: it reports to the sandbox the span active while it ran. */
const operations: Record<string, string> = {
  'auth middleware': 'verifyToken',
  'validate cart': 'checkCart',
  'stripe api call': 'stripeCharge',
  'save order': 'insertOrder',
};

export default defineChecks([
  check('The request is one `POST /checkout` server span at the root', ({ span }) => {
    span('POST /checkout').isRoot().hasKind('SERVER');
  }),
  check('Each step is a span inside `POST /checkout`', ({ span }) => {
    for (const step of steps) span(step).isChildOf('POST /checkout');
  }),
  check('The Stripe call is a client span inside `charge payment`', ({ span }) => {
    span('stripe api call').isChildOf('charge payment').hasKind('CLIENT');
  }),
  check('The steps run one after another, in order', ({ span }) => {
    for (let i = 1; i < steps.length; i++) span(steps[i]!).startsAfterEndOf(steps[i - 1]!);
  }),
  check('Each span is active while its step runs, and lasts as long as it', ({ span }) => {
    for (const [name, operation] of Object.entries(operations)) span(name).wraps(operation);
  }),
  check('Every span lasts until the spans inside it are done', ({ parentsCoverChildren }) => {
    parentsCoverChildren();
  }),
  check('The checkout still returns the charge Stripe made', ({ extra, assert }) => {
    // What the scenario got back and what Stripe charged, reported to the checks by the scenario
    // and shop.ts (not printed: a program could print that line itself).
    const seen = extra('observations', is.record(is.unknown));
    const made = seen['stripe charge'];
    const returned = seen['charge id'];
    assert(made !== undefined, 'Stripe was never charged: `stripeCharge` did not run. Keep the checkout’s steps; the spans go around them.');
    assert(
      returned === made,
      `The checkout returned the charge id ${JSON.stringify(returned)}, but Stripe’s charge for this order is ${JSON.stringify(made)}. Return the id \`chargePayment\` got back from \`stripeCharge\`: tracing the checkout must not change what it returns.`,
    );
  }),
  check('Every span ended, in a single trace, timed by the SDK', ({ allSpansEnded, trace, spansTimedBySdk }) => {
    allSpansEnded();
    trace.hasSingleTraceId();
    spansTimedBySdk();
  }),
]);
