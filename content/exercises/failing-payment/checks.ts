import { check, defineChecks, type CheckContext } from '#checks';

const ORDERS = [
  { id: 'ord_1001', items: 2, total: 58.5 },
  { id: 'ord_1002', items: 1, total: 24.99 },
  { id: 'ord_1003', items: 2, total: 74.5 },
  { id: 'ord_1004', items: 1, total: 15.25 },
];
const DECLINED = 'ord_1003';
const DECLINE_MESSAGE = 'card issuer could not be reached';
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
  check('The declined payment sets status ERROR with the error’s message', (t) => {
    const declined = checkoutOf(t, DECLINED);
    t.assert(
      declined.record.status.code === 'ERROR',
      `The \`processCheckout\` span of ${DECLINED}, whose payment was declined, should have status ERROR, but its status is ${declined.record.status.code}. A failed operation says so with \`span.setStatus({ code: SpanStatusCode.ERROR, message })\`.`,
    );
    declined.hasStatus('ERROR', DECLINE_MESSAGE);
  }),
  check('The declined payment records its exception', (t) => {
    checkoutOf(t, DECLINED).hasException({ type: 'PaymentDeclined', message: DECLINE_MESSAGE });
  }),
  check('Successful checkouts leave the status UNSET', (t) => {
    for (const id of ORDERS.map((o) => o.id).filter((id) => id !== DECLINED && id !== TIMED_OUT)) {
      const { status } = checkoutOf(t, id).record;
      t.assert(
        status.code === 'UNSET',
        `The \`processCheckout\` span of ${id} succeeded and should keep status UNSET, but its status is ${status.code}. Successful spans are left UNSET; OK is final, so an error reported later in the span could no longer mark it as failed.`,
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
      `The \`processCheckout\` span of ${TIMED_OUT} has status ERROR but no status message: a string has no \`.message\`, so \`(err as Error).message\` is \`undefined\`. Narrow \`err\` instead of casting it.`,
    );
    timedOut.hasStatus('ERROR', GATEWAY_MESSAGE).hasException({ message: GATEWAY_MESSAGE });
  }),
  check('The caller still sees both failures', ({ output, assert }) => {
    for (const id of [DECLINED, TIMED_OUT]) {
      assert(
        output.lines.some((line) => line.startsWith(`${id}: failed`)),
        `The scenario did not see ${id} fail: \`processCheckout\` returned instead of throwing. Record the error on the span, then rethrow it (\`throw err\`) so the caller can react.`,
      );
    }
  }),
]);
