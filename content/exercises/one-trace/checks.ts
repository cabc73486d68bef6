import { check, defineChecks } from '#checks';

const ROOT = 'GET /orders/:id';
const ORDER_ID = 'ord_1042';
const steps = ['load order', 'load customer', 'render invoice'];
/** The helper of store.ts each step's span wraps. */
const work: Record<string, string> = { 'load order': 'fetchOrder', 'load customer': 'fetchCustomer', 'render invoice': 'renderInvoice' };

export default defineChecks([
  check('The request is a single trace', ({ trace }) => {
    trace.hasSingleTraceId();
  }),
  check('The root is a SERVER span named after the route, `GET /orders/:id`', ({ span, spans, assert, input }) => {
    const withId = spans({ name: new RegExp(input('order id', ORDER_ID)) }).records[0];
    assert(
      withId === undefined,
      `Span \`${withId?.name}\` has the order id in its name. Name the span after the route template, \`${ROOT}\`, so that every order request shares one name, and record the id in the attribute \`order.id\` instead.`,
    );
    span(ROOT).isRoot().hasKind('SERVER');
  }),
  check('The root records the route and the order id as attributes', ({ span, input }) => {
    span(ROOT).hasAttribute('http.route', '/orders/:id').hasAttribute('order.id', input('order id', ORDER_ID));
  }),
  check('Each step is a child of `GET /orders/:id`', ({ span }) => {
    for (const step of steps) span(step).isChildOf(ROOT);
  }),
  check('`load order` and `load customer` run in parallel', ({ span, assert }) => {
    const order = span('load order').record;
    const customer = span('load customer').record;
    const start = (s: typeof order) => BigInt(s.startTimeUnixNano);
    const end = (s: typeof order) => BigInt(s.endTimeUnixNano ?? s.startTimeUnixNano);
    assert(
      start(order) < end(customer) && start(customer) < end(order),
      '`load order` and `load customer` should overlap in time (each starting before the other ends), but one ran after the other. Start both before awaiting either, as the handler does with `Promise.all([loadOrder(...), loadCustomer(...)])`.',
    );
  }),
  check('Each step’s span lasts as long as its work, and the request as long as its steps', ({ span }) => {
    // The steps start no spans of their own, so they need not be active (`startSpan` is enough).
    for (const step of steps) span(step).wraps(work[step]!, { active: false });
    span(ROOT).coversChildren();
  }),
  check('Every span ended, timed by the SDK', ({ allSpansEnded, spansTimedBySdk }) => {
    allSpansEnded();
    spansTimedBySdk();
  }),
]);
