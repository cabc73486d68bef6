import { check, defineChecks, is, type CheckContext } from '#checks';

const ORDERS = [
  { id: 'ord_1001', items: 2, total: 58.5 },
  { id: 'ord_1002', items: 1, total: 24.99 },
  { id: 'ord_1003', items: 2, total: 74.5 },
  { id: 'ord_1004', items: 1, total: 15.25 },
];
const CONFIRMED = 'ord_1001';
const DECLINED = 'ord_1002';
const GATEWAY_FAILED = 'ord_1003';
const GATEWAY_FAILURE = 'card issuer could not be reached';
const TIMED_OUT = 'ord_1004';
const GATEWAY_MESSAGE = 'gateway timeout';

/**
 * The `processCheckout` span of one order: the one with its `order.id`, or else the one at its
 * position (the scenario checks the orders out one after another), so that these checks still
 * find it before the attributes are there.
 */
function checkoutOf({ span, spans }: CheckContext, id: string) {
  const all = spans('processCheckout').records;
  const found = all.find((s) => s.attributes['order.id'] === id) ?? (all.length === ORDERS.length ? all[ORDERS.findIndex((o) => o.id === id)] : undefined);
  return span({ name: 'processCheckout', where: (s) => s.spanId === found?.spanId, description: `for ${id}` });
}

export default defineChecks([
  check('Every `processCheckout` span describes its order with typed attributes', ({ spans, span }) => {
    spans('processCheckout')
      .count(ORDERS.length)
      .each((s) => s.hasAttributeOfType('order.id', 'string').hasAttributeOfType('order.items_count', 'int').hasAttributeOfType('order.total', 'double'));
    for (const order of ORDERS) span({ name: 'processCheckout', attributes: { 'order.id': order.id } }).hasAttribute('order.items_count', order.items).hasAttribute('order.total', order.total);
  }),
  check('The outcome of a checkout that got an answer is the attribute `order.status`', (t) => {
    checkoutOf(t, CONFIRMED).hasAttribute('order.status', 'confirmed');
    checkoutOf(t, DECLINED).hasAttribute('order.status', 'declined');
  }),
  check('The gateway failure sets status ERROR with the error’s message', (t) => {
    const failed = checkoutOf(t, GATEWAY_FAILED);
    t.assert(
      failed.record.status.code === 'ERROR',
      `The \`processCheckout\` span of ${GATEWAY_FAILED}, whose payment gateway failed, should have status ERROR, but its status is ${failed.record.status.code}. A failed operation says so with \`span.setStatus({ code: SpanStatusCode.ERROR, message })\`.`,
    );
    failed.hasStatus('ERROR', GATEWAY_FAILURE);
  }),
  check('The gateway failure records its exception', (t) => {
    checkoutOf(t, GATEWAY_FAILED).hasException({ type: 'PaymentGatewayError', message: GATEWAY_FAILURE });
  }),
  check('Confirmed and declined checkouts leave the status UNSET', (t) => {
    for (const id of [CONFIRMED, DECLINED]) {
      const { status } = checkoutOf(t, id).record;
      t.assert(
        status.code === 'UNSET',
        id === DECLINED
          ? `The \`processCheckout\` span of ${id}, whose card was declined, should keep status UNSET, but its status is ${status.code}. A declined card is an everyday answer, not a failure of the checkout: record it in \`order.status\`, not in the status.`
          : `The \`processCheckout\` span of ${id} succeeded and should keep status UNSET, but its status is ${status.code}. Successful spans are left UNSET; OK is final, so an error reported later in the span could no longer mark it as failed.`,
      );
    }
  }),
  check('A failure thrown as a string is recorded too', (t) => {
    const timedOut = checkoutOf(t, TIMED_OUT);
    const { status } = timedOut.record;
    t.assert(
      status.code === 'ERROR',
      `The \`processCheckout\` span of ${TIMED_OUT}, whose gateway rejected with the string "${GATEWAY_MESSAGE}", should have status ERROR, but its status is ${status.code}.`,
    );
    t.assert(
      status.message !== undefined,
      `The \`processCheckout\` span of ${TIMED_OUT} has status ERROR but no status message: a string has no \`.message\`. Narrow \`err\` (\`err instanceof Error ? err.message : String(err)\`) instead of casting it.`,
    );
    timedOut.hasStatus('ERROR', GATEWAY_MESSAGE).hasException({ message: GATEWAY_MESSAGE });
  }),
  check('Each `processCheckout` span is active while its order is submitted, and lasts until the answer', ({ spans, spansTimedBySdk }) => {
    spans('processCheckout').each((s) => s.wraps('submitOrder'));
    spansTimedBySdk();
  }),
  check('The caller still sees both failures', ({ extra, assert }) => {
    // What the scenario saw processCheckout do, reported to the checks (not printed: a program could print that line itself).
    const seen = extra('observations', is.record(is.unknown));
    for (const id of [GATEWAY_FAILED, TIMED_OUT]) {
      assert(
        (seen[id] as { outcome?: unknown } | undefined)?.outcome === 'failed',
        `The scenario did not see ${id} fail: \`processCheckout\` returned instead of throwing. Record the error on the span, then rethrow it (\`throw err\`) so the caller can react.`,
      );
    }
  }),
]);
