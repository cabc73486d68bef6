import { check, defineChecks, is, type CheckContext } from '#checks';

/** The headers of the published message, as the queue reported them to the checks (not the line it prints, which a program could print too). */
function messageHeaders({ extra, assert }: CheckContext): Record<string, unknown> {
  const headers = extra('observations', is.record(is.unknown))['published order.placed'];
  assert(
    typeof headers === 'object' && headers !== null,
    'No order.placed message was published: `publish()` of queue.ts was not called (a printed `queue: ...` line does not publish anything).',
  );
  return headers as Record<string, unknown>;
}

/** W3C baggage `key=value;props,key2=value2` as a map, values percent-decoded. */
function parseBaggage(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const member of text.split(',')) {
    const [pair = ''] = member.split(';');
    const at = pair.indexOf('=');
    if (at < 0) continue;
    try {
      entries.set(pair.slice(0, at).trim(), decodeURIComponent(pair.slice(at + 1).trim()));
    } catch {
      entries.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
  return entries;
}

/** The headers as JSON, shortened: they come from the learner's program. */
function headerList(headers: Record<string, unknown>): string {
  const text = JSON.stringify(headers);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

export default defineChecks([
  check('checkout-service publishes from a PRODUCER span `publish order.placed`', ({ span }) => {
    span('publish order.placed').hasKind('PRODUCER').isChildOf('POST /checkout');
  }),
  check('The message carries a traceparent that names `publish order.placed`', (t) => {
    const headers = messageHeaders(t);
    t.assert(
      headers['traceparent'] !== undefined,
      `The message has no traceparent header (its headers are ${headerList(headers)}). Call \`propagation.inject(context.active(), headers)\` inside the \`publish order.placed\` span, then publish those headers.`,
    );
    t.traceparent(headers['traceparent'], 'the traceparent header of the message').pointsTo('publish order.placed');
  }),
  check('The message carries the tenant in its baggage, `tenant.id`', (t) => {
    const headers = messageHeaders(t);
    const baggage = headers['baggage'];
    t.assert(
      typeof baggage === 'string',
      `The message has no baggage header (its headers are ${headerList(headers)}). Put the entry in a context with \`propagation.setBaggage(context.active(), baggage)\`, and call \`inject\` inside \`context.with(thatContext, ...)\`.`,
    );
    const tenant = parseBaggage(baggage as string).get('tenant.id');
    const expected = t.input('tenant', 'acme');
    t.assert(tenant === expected, `The message's baggage should have \`tenant.id=${expected}\`, the tenant the scenario passed to \`publishOrderPlaced\`, but the header is ${headerList({ baggage })}.`);
  }),
  check('email-service processes it in a CONSUMER span, a child of `publish order.placed`', ({ span, assert }) => {
    const consumer = span('process order.placed').hasKind('CONSUMER');
    assert(
      consumer.record.parentSpanId !== undefined,
      'Span `process order.placed` is a root span, so the order is in a trace of its own. Start it in the context that `propagation.extract(ROOT_CONTEXT, message.headers)` returns (the third argument of `startActiveSpan`).',
    );
    consumer.isChildOf('publish order.placed');
  }),
  check('The consumer copies `tenant.id` from the baggage onto its span', ({ span, input }) => {
    span('process order.placed').hasAttribute('tenant.id', input('tenant', 'acme'));
  }),
  check('Every span ended, in one trace', ({ trace, allSpansEnded }) => {
    allSpansEnded();
    trace.hasSingleTraceId();
  }),
]);
