import { check, defineChecks } from '#checks';

const steps = ['auth middleware', 'validate cart', 'charge payment', 'save order'];
/** What each helper of shop.ts notes on the span that is active when it runs. */
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
  check('Each span is active while its step runs', ({ span }) => {
    for (const [name, operation] of Object.entries(operations)) span(name).hasAttribute('shop.operation', operation);
  }),
  check('Every span ended, in a single trace', ({ allSpansEnded, trace }) => {
    allSpansEnded();
    trace.hasSingleTraceId();
  }),
]);
