import { check, defineChecks, is, type CheckContext } from '#checks';

/** The scenario's four orders, in the order it checks them out: their line items never change. */
const ITEMS = [2, 1, 2, 1];
const ORDER_IDS = ['ord_1001', 'ord_1002', 'ord_1003', 'ord_1004'];
const TOTALS = [58.5, 24.99, 74.5, 15.25];

/** This run's orders and gateway answers (the hidden run has others): what the checks grade against. */
function scenarioOf({ input }: CheckContext) {
  const ids = input('order ids', ORDER_IDS);
  const totals = input('order totals', TOTALS);
  return {
    orders: ids.map((id, i) => ({ id, items: ITEMS[i]!, total: totals[i]! })),
    confirmed: ids[0]!,
    declined: ids[1]!,
    gatewayFailed: ids[2]!,
    gatewayFailure: input('gateway failure', 'card issuer could not be reached'),
    timedOut: ids[3]!,
    gatewayMessage: input('gateway rejection', 'gateway timeout'),
  };
}

/**
 * The `processCheckout` span of one order: the one with its `order.id`, or else the one at its
 * position (the scenario checks the orders out one after another), so that these checks still
 * find it before the attributes are there.
 */
function checkoutOf(t: CheckContext, id: string) {
  const { span, spans } = t;
  const { orders } = scenarioOf(t);
  const all = spans('processCheckout').records;
  const found = all.find((s) => s.attributes['order.id'] === id) ?? (all.length === orders.length ? all[orders.findIndex((o) => o.id === id)] : undefined);
  return span({ name: 'processCheckout', where: (s) => s.spanId === found?.spanId, description: `for ${id}` });
}

export default defineChecks([
  check('Every `processCheckout` span describes its order with typed attributes', (t) => {
    const { spans, span } = t;
    const { orders } = scenarioOf(t);
    spans('processCheckout')
      .count(orders.length)
      .each((s) => s.hasAttributeOfType('order.id', 'string').hasAttributeOfType('order.items_count', 'int').hasAttributeOfType('order.total', 'double'));
    for (const order of orders) span({ name: 'processCheckout', attributes: { 'order.id': order.id } }).hasAttribute('order.items_count', order.items).hasAttribute('order.total', order.total);
  }),
  check('The outcome of a checkout that got an answer is the attribute `order.status`', (t) => {
    const { confirmed, declined } = scenarioOf(t);
    checkoutOf(t, confirmed).hasAttribute('order.status', 'confirmed');
    checkoutOf(t, declined).hasAttribute('order.status', 'declined');
  }),
  check('The gateway failure sets status ERROR with the error’s message', (t) => {
    const { gatewayFailed, gatewayFailure } = scenarioOf(t);
    const failed = checkoutOf(t, gatewayFailed);
    t.assert(
      failed.record.status.code === 'ERROR',
      `The \`processCheckout\` span of ${gatewayFailed}, whose payment gateway failed, should have status ERROR, but its status is ${failed.record.status.code}. A failed operation says so with \`span.setStatus({ code: SpanStatusCode.ERROR, message })\`.`,
    );
    failed.hasStatus('ERROR', gatewayFailure);
  }),
  check('The gateway failure records its exception', (t) => {
    const { gatewayFailed, gatewayFailure } = scenarioOf(t);
    checkoutOf(t, gatewayFailed).hasException({ type: 'PaymentGatewayError', message: gatewayFailure });
  }),
  check('Confirmed and declined checkouts leave the status UNSET', (t) => {
    const { confirmed, declined } = scenarioOf(t);
    for (const id of [confirmed, declined]) {
      const { status } = checkoutOf(t, id).record;
      t.assert(
        status.code === 'UNSET',
        id === declined
          ? `The \`processCheckout\` span of ${id}, whose card was declined, should keep status UNSET, but its status is ${status.code}. A declined card is an everyday answer, not a failure of the checkout: record it in \`order.status\`, not in the status.`
          : `The \`processCheckout\` span of ${id} succeeded and should keep status UNSET, but its status is ${status.code}. Successful spans are left UNSET; OK is final, so an error reported later in the span could no longer mark it as failed.`,
      );
    }
  }),
  check('A failure thrown as a string is recorded too', (t) => {
    const { timedOut, gatewayMessage } = scenarioOf(t);
    const span = checkoutOf(t, timedOut);
    const { status } = span.record;
    t.assert(
      status.code === 'ERROR',
      `The \`processCheckout\` span of ${timedOut}, whose gateway rejected with the string "${gatewayMessage}", should have status ERROR, but its status is ${status.code}.`,
    );
    t.assert(
      status.message !== undefined,
      `The \`processCheckout\` span of ${timedOut} has status ERROR but no status message: a string has no \`.message\`. Narrow \`err\` (\`err instanceof Error ? err.message : String(err)\`) instead of casting it.`,
    );
    span.hasStatus('ERROR', gatewayMessage).hasException({ message: gatewayMessage });
  }),
  check('Each `processCheckout` span is active while its order is submitted, and lasts until the answer', ({ spans, spansTimedBySdk }) => {
    spans('processCheckout').each((s) => s.wraps('submitOrder'));
    spansTimedBySdk();
  }),
  check('The caller still sees both failures', (t) => {
    const { extra, assert } = t;
    const { gatewayFailed, timedOut } = scenarioOf(t);
    // What the scenario saw processCheckout do, reported to the checks (not printed: a program could print that line itself).
    const seen = extra('observations', is.record(is.unknown));
    for (const id of [gatewayFailed, timedOut]) {
      assert(
        (seen[id] as { outcome?: unknown } | undefined)?.outcome === 'failed',
        `The scenario did not see ${id} fail: \`processCheckout\` returned instead of throwing. Record the error on the span, then rethrow it (\`throw err\`) so the caller can react.`,
      );
    }
  }),
]);
