import { describe, expect, it } from 'vitest';
import { check, defineChecks, runChecks, type CheckContext, type CheckResult, type CheckRun } from '../../src/checks/index.ts';
import { checkoutTrace, exceptionEvent, TraceBuilder } from '../helpers/span-builder.ts';
import { NO_CONTEXT_MANAGER_HINT, NO_PROVIDER_HINT } from '../../src/checks/registration-hints.ts';

/** Grades one check over a run. */
function grade(run: CheckRun, test: (t: CheckContext) => unknown): CheckResult {
  return runChecks(defineChecks([check('the check', test)]), run).tests[0]!;
}

function passes(run: CheckRun, test: (t: CheckContext) => unknown): void {
  expect(grade(run, test)).toEqual({ name: 'the check', status: 'pass' });
}

function failure(run: CheckRun, test: (t: CheckContext) => unknown): string {
  const result = grade(run, test);
  expect(result.status, result.message).toBe('fail');
  return result.message!;
}

const END_ADVICE = 'Call `span.end()` on every path, including when an error is thrown.';
const short = (traceId: string) => `${traceId.slice(0, 8)}…`;

describe('finding spans', () => {
  const { run } = checkoutTrace();

  it('finds the one span of a name', () => {
    passes(run, ({ span }) => span('processCheckout'));
    expect(grade(run, ({ span }) => span('processCheckout').name)).toMatchObject({ status: 'pass' });
  });

  it('names a near miss and the spans that exist when none has the name', () => {
    const t = new TraceBuilder();
    const root = t.span('POST /checkout');
    const process = t.span('processCheckout', { parent: root });
    t.span('chargePayment', { parent: process });
    t.span('validate cart', { parent: process });
    expect(failure(t.run(), ({ span }) => span('charge payment'))).toBe(
      'Expected a span named `charge payment`, but there is none; did you mean `chargePayment`? Spans recorded: `POST /checkout`, `chargePayment`, `processCheckout` and 1 more.',
    );
    expect(failure(run, ({ span }) => span('ship order'))).toBe(
      'Expected a span named `ship order`, but there is none. Spans recorded: `POST /checkout`, `charge payment`, `processCheckout` and 1 more.',
    );
  });

  it('says when no spans were recorded at all', () => {
    expect(failure({ spans: [] }, ({ span }) => span('processCheckout'))).toBe(`Expected a span named \`processCheckout\`, but no spans were recorded. ${NO_PROVIDER_HINT}`);
  });

  it('wants exactly one', () => {
    const t = new TraceBuilder();
    t.span('charge payment');
    t.span('charge payment', { start: 20 });
    expect(failure(t.run(), ({ span }) => span('charge payment'))).toBe('Expected one span named `charge payment`, but found 2.');
  });

  it('reports a span that was started but never ended', () => {
    const t = new TraceBuilder();
    const root = t.span('processCheckout', { end: 100 });
    t.span('charge payment', { parent: root, end: null });
    expect(failure(t.run(), ({ span }) => span('charge payment'))).toBe(`Span \`charge payment\` was started but never ended. ${END_ADVICE}`);
    expect(failure(t.run(), ({ spans }) => spans('charge payment').each((s) => s.isChildOf('processCheckout')))).toBe(
      `Span \`charge payment\` was started but never ended. ${END_ADVICE}`,
    );
  });

  it('finds spans by attribute, kind, status, service, root, name pattern and condition', () => {
    passes(run, ({ span }) => span({ attributes: { 'order.id': 'A-17' } }).isChildOf('POST /checkout'));
    passes(run, ({ span }) => span({ hasAttribute: 'payment.amount' }).hasKind('CLIENT'));
    passes(run, ({ spans }) => {
      spans({ status: 'ERROR' }).count(1);
      spans({ root: true }).count(1);
      spans({ root: false }).count(3);
      spans({ name: /^POST / }).count(1);
      spans({ service: 'checkout' }).count(4);
      spans({ kind: 'SERVER', name: 'POST /checkout' }).count(1);
      spans({ where: (s) => s.events.length > 0 }).count(1);
    });
  });

  it('says which condition the span of that name does not meet', () => {
    expect(failure(run, ({ span }) => span({ name: 'processCheckout', attributes: { 'order.id': 'B-1' } }))).toBe(
      'Expected a span named `processCheckout` with `order.id` = "B-1", but span `processCheckout` has `order.id` = "A-17".',
    );
    expect(failure(run, ({ span }) => span({ name: 'charge payment', kind: 'SERVER' }))).toBe(
      'Expected a SERVER span named `charge payment`, but span `charge payment` is a CLIENT span.',
    );
    expect(failure(run, ({ span }) => span({ name: 'processCheckout', kind: 'INTERNAL', status: 'ERROR' }))).toBe(
      'Expected an INTERNAL span named `processCheckout` with status ERROR, but span `processCheckout` has status UNSET.',
    );
    expect(failure(run, ({ span }) => span({ name: 'processCheckout', root: true }))).toBe(
      'Expected a root span named `processCheckout`, but span `processCheckout` has a parent.',
    );
    expect(failure(run, ({ span }) => span({ name: 'processCheckout', service: 'payments' }))).toBe(
      'Expected a span named `processCheckout` from service `payments`, but span `processCheckout` is from service `checkout`.',
    );
    expect(failure(run, ({ span }) => span({ name: 'processCheckout', hasAttribute: 'user.id' }))).toBe(
      'Expected a span named `processCheckout` with the attribute `user.id`, but span `processCheckout` has no attribute `user.id`.',
    );
    const t = new TraceBuilder();
    t.span('charge payment', { status: 'OK' });
    t.span('charge payment', { start: 5 });
    expect(failure(t.run(), ({ span }) => span({ name: 'charge payment', status: 'ERROR' }))).toBe(
      'Expected a span named `charge payment` with status ERROR, but none of the 2 spans named `charge payment` matches: the first has status OK.',
    );
  });

  it('describes queries without a name', () => {
    expect(failure(run, ({ span }) => span({ hasAttribute: 'user.id' }))).toBe(
      'Expected a span with the attribute `user.id`, but none of the 4 spans recorded matches. Spans recorded: `POST /checkout`, `charge payment`, `processCheckout` and 1 more.',
    );
    expect(failure(run, ({ span }) => span({ where: (s) => s.links.length > 0, description: 'that has a link' }))).toBe(
      'Expected a span that has a link, but none of the 4 spans recorded matches. Spans recorded: `POST /checkout`, `charge payment`, `processCheckout` and 1 more.',
    );
    expect(failure(run, ({ span }) => span({ name: /^GET / }))).toBe(
      'Expected a span whose name matches /^GET /, but there is none. Spans recorded: `POST /checkout`, `charge payment`, `processCheckout` and 1 more.',
    );
  });
});

describe('counting spans', () => {
  const { run } = checkoutTrace();

  it('passes exact, minimum and maximum counts that hold', () => {
    passes(run, ({ spans }) => {
      spans().count(4);
      spans('charge payment').count(1).atLeast(1).atMost(1);
      spans('ship order').count(0);
      expect(spans('validate cart').length).toBe(1);
      expect(spans({ root: false }).records.map((s) => s.name)).toEqual(['processCheckout', 'validate cart', 'charge payment']);
    });
  });

  it('says how many were expected and how many were found', () => {
    expect(failure(run, ({ spans }) => spans('charge payment').count(2))).toBe('Expected 2 spans named `charge payment`, but found 1.');
    expect(failure(run, ({ spans }) => spans('charge payment').count(0))).toBe('Expected no spans named `charge payment`, but found 1.');
    expect(failure(run, ({ spans }) => spans('charge payment').atLeast(3))).toBe('Expected at least 3 spans named `charge payment`, but found 1.');
    expect(failure(run, ({ spans }) => spans().atMost(1))).toBe('Expected at most 1 span, but found 4.');
    expect(failure(run, ({ spans }) => spans('chargePayment').atLeast(1))).toBe(
      'Expected at least 1 span named `chargePayment`, but there is none; did you mean `charge payment`? Spans recorded: `POST /checkout`, `charge payment`, `processCheckout` and 1 more.',
    );
  });

  it('counts spans that never ended apart', () => {
    const t = new TraceBuilder();
    t.span('charge payment');
    t.span('charge payment', { start: 5, end: null });
    expect(failure(t.run(), ({ spans }) => spans('charge payment').count(2))).toBe('Expected 2 spans named `charge payment`, but found 1; 1 more was started but never ended.');
    const only = new TraceBuilder();
    only.span('charge payment', { end: null });
    expect(failure(only.run(), ({ spans }) => spans('charge payment').count(1))).toBe(
      `Expected one span named \`charge payment\`, but none was ended: 1 was started but never ended. ${END_ADVICE}`,
    );
  });

  it('asserts on each span, naming which one failed', () => {
    const t = new TraceBuilder();
    t.span('charge payment', { status: 'ERROR' });
    t.span('charge payment', { start: 5 });
    expect(failure(t.run(), ({ spans }) => spans('charge payment').each((s) => s.hasStatus('ERROR')))).toBe(
      'Span `charge payment` (2 of 2) should have status ERROR, but its status is UNSET.',
    );
    expect(failure(t.run(), ({ spans }) => spans('refund').each((s) => s.hasStatus('ERROR')))).toBe(
      'Expected a span named `refund`, but there is none. Spans recorded: `charge payment`.',
    );
    passes(t.run(), ({ spans }) => spans('charge payment').atLeast(2).each((s) => s.isRoot()));
    expect(failure(t.run(), ({ spans }) => spans('charge payment').one())).toBe('Expected one span named `charge payment`, but found 2.');
  });

  it('passes when some span of a set holds, and says what was wrong with the first otherwise', () => {
    const t = new TraceBuilder();
    const root = t.span('processCheckout', { end: 100 });
    t.span('charge payment', { parent: root, status: 'ERROR', start: 1 });
    t.span('charge payment', { parent: root, status: 'OK', start: 20 });
    passes(t.run(), ({ spans }) => spans('charge payment').some((s) => s.hasStatus('OK').isChildOf('processCheckout')));
    expect(failure(t.run(), ({ spans }) => spans('charge payment').some((s) => s.hasStatus('OK').isRoot()))).toBe(
      'None of the 2 spans named `charge payment` passes this check. For the first: Span `charge payment` (1 of 2) should have status OK, but its status is ERROR.',
    );
    expect(failure(t.run(), ({ spans }) => spans('processCheckout').some((s) => s.hasKind('SERVER')))).toBe('Span `processCheckout` should be a SERVER span, but it is an INTERNAL span.');
    expect(failure(t.run(), ({ spans }) => spans('refund').some((s) => s.isRoot()))).toBe('Expected a span named `refund`, but there is none. Spans recorded: `charge payment` and `processCheckout`.');
    expect(grade(t.run(), ({ spans }) => spans('charge payment').some(() => { throw new TypeError('bug'); }))).toMatchObject({ status: 'error', message: 'The check could not run: TypeError: bug' });
  });
});

describe('parent, child and ancestor', () => {
  const { run } = checkoutTrace();

  it('passes true relations', () => {
    passes(run, ({ span }) => {
      span('charge payment').isChildOf('processCheckout').isDescendantOf('POST /checkout').isDescendantOf('processCheckout');
      span('processCheckout').hasChild('charge payment').hasChild({ kind: 'CLIENT' });
      span('POST /checkout').isRoot();
      span('charge payment').isChildOf({ name: 'processCheckout', attributes: { 'order.id': 'A-17' } });
    });
  });

  it('names the actual parent', () => {
    const t = new TraceBuilder();
    const root = t.span('POST /checkout', { end: 120 });
    t.span('processCheckout', { parent: root, start: 1, end: 100 });
    t.span('charge payment', { parent: root, start: 2 });
    expect(failure(t.run(), ({ span }) => span('charge payment').isChildOf('processCheckout'))).toBe(
      'Span `charge payment` should be a child of `processCheckout`, but its parent is `POST /checkout`.',
    );
  });

  it('says when the span is a root, or its parent was not recorded', () => {
    const t = new TraceBuilder();
    t.span('processCheckout');
    t.span('charge payment');
    t.span('refund', { parentSpanId: 'f00dcafe12345678' });
    expect(failure(t.run(), ({ span }) => span('charge payment').isChildOf('processCheckout'))).toBe(
      'Span `charge payment` should be a child of `processCheckout`, but it is a root span (it has no parent).',
    );
    expect(failure(t.run(), ({ span }) => span('refund').isChildOf('processCheckout'))).toBe(
      'Span `refund` should be a child of `processCheckout`, but its parent (span id f00dcafe12345678) was not recorded.',
    );
    expect(failure(t.run(), ({ span }) => span('refund').isRoot())).toBe(
      'Span `refund` should be a root span (without a parent), but it has a parent that was not recorded (span id f00dcafe12345678).',
    );
  });

  it('says when the expected parent does not exist at all, with a near miss', () => {
    expect(failure(run, ({ span }) => span('charge payment').isChildOf('processCheckot'))).toBe(
      'Span `charge payment` should be a child of `processCheckot`, but its parent is `processCheckout`. There is no span named `processCheckot`; did you mean `processCheckout`?',
    );
    expect(failure(run, ({ span }) => span('charge payment').isChildOf({ name: 'processCheckout', attributes: { 'order.id': 'B-1' } }))).toBe(
      'Span `charge payment` should be a child of a span named `processCheckout` with `order.id` = "B-1", but its parent `processCheckout` has `order.id` = "A-17". There is no span named `processCheckout` with `order.id` = "B-1".',
    );
  });

  it('finds a parent that was started but never ended', () => {
    const t = new TraceBuilder();
    const process = t.span('processCheckout', { end: null });
    t.span('charge payment', { parent: process });
    passes(t.run(), ({ span }) => span('charge payment').isChildOf('processCheckout'));
  });

  it('checks roots', () => {
    expect(failure(run, ({ span }) => span('processCheckout').isRoot())).toBe('Span `processCheckout` should be a root span (without a parent), but its parent is `POST /checkout`.');
  });

  it('shows the path from the root when a descendant is not under the ancestor', () => {
    expect(failure(run, ({ span }) => span('validate cart').isDescendantOf('charge payment'))).toBe(
      'Span `validate cart` should be a descendant of `charge payment` (its child, grandchild or further down), but its path from the root is `POST /checkout` > `processCheckout` > `validate cart`.',
    );
    expect(failure(run, ({ span }) => span('POST /checkout').isDescendantOf('processCheckout'))).toBe(
      'Span `POST /checkout` should be a descendant of `processCheckout`, but it is a root span.',
    );
    const t = new TraceBuilder();
    const orphan = t.span('processCheckout', { parentSpanId: 'f00dcafe12345678' });
    t.span('charge payment', { parent: orphan });
    expect(failure(t.run(), ({ span }) => span('charge payment').isDescendantOf('POST /checkout'))).toBe(
      'Span `charge payment` should be a descendant of `POST /checkout` (its child, grandchild or further down), but its path from the root is (a parent that was not recorded) > `processCheckout` > `charge payment`. There is no span named `POST /checkout`.',
    );
  });

  it('stops at a span that is its own parent (ids forged by the program)', () => {
    const t = new TraceBuilder();
    const a = t.span('loop');
    const looped = { ...a, parentSpanId: a.spanId };
    expect(failure({ spans: [looped] }, ({ span }) => span('loop').isDescendantOf('elsewhere'))).toBe(
      'Span `loop` should be a descendant of `elsewhere` (its child, grandchild or further down), but its path from the root is (parents that form a loop) > `loop`. There is no span named `elsewhere`.',
    );
  });

  it('lists the children there are', () => {
    expect(failure(run, ({ span }) => span('processCheckout').hasChild('ship order'))).toBe(
      'Span `processCheckout` should have a child `ship order`, but its children are `validate cart` and `charge payment`. There is no span named `ship order`.',
    );
    expect(failure(run, ({ span }) => span('validate cart').hasChild({ kind: 'CLIENT' }))).toBe(
      'Span `validate cart` should have a child that is a CLIENT span, but it has no children.',
    );
    const t = new TraceBuilder();
    const root = t.span('processCheckout', { end: 100 });
    t.span('charge payment', { parent: root, end: null });
    expect(failure(t.run(), ({ span }) => span('processCheckout').hasChild('charge payment'))).toBe(
      'Span `processCheckout` should have a child `charge payment`, but its child `charge payment` was started but never ended.',
    );
  });
});

describe('traces', () => {
  /** Two services whose trace context was not passed on: the server starts a second trace. */
  function brokenPropagation() {
    const t = new TraceBuilder();
    const root = t.span('POST /checkout', { kind: 'SERVER', end: 50 });
    const client = t.span('call payments', { parent: root, kind: 'CLIENT', start: 1, end: 40 });
    const server = t.span('POST /payments', { kind: 'SERVER', service: 'payments', start: 2, end: 30 });
    return { run: t.run(), root, client, server };
  }

  it('passes one trace', () => {
    const { run, spans } = checkoutTrace();
    passes(run, ({ trace, span }) => {
      trace.hasSingleTraceId();
      trace.count(1);
      expect(trace.ids).toEqual([spans.root.traceId]);
      span('charge payment').isInSameTraceAs('POST /checkout');
    });
  });

  it('shows which spans are in which trace', () => {
    const { run, client, server } = brokenPropagation();
    expect(failure(run, ({ trace }) => trace.hasSingleTraceId())).toBe(
      `All spans should share one trace id, but they are in 2 traces: trace ${short(client.traceId)} has \`POST /checkout\` and \`call payments\`; trace ${short(server.traceId)} has \`POST /payments\`.`,
    );
    expect(failure(run, ({ trace }) => trace.count(1))).toBe(
      `Expected one trace, but the spans are in 2 traces: trace ${short(client.traceId)} has \`POST /checkout\` and \`call payments\`; trace ${short(server.traceId)} has \`POST /payments\`.`,
    );
    expect(failure(run, ({ span }) => span('POST /payments').isInSameTraceAs('call payments'))).toBe(
      `Span \`POST /payments\` should be in the same trace as \`call payments\`, but it is in trace ${short(server.traceId)} and \`call payments\` is in trace ${short(client.traceId)}.`,
    );
    expect(failure(run, ({ span }) => span('POST /payments').isInSameTraceAs('call payment'))).toBe(
      'Span `POST /payments` should be in the same trace as `call payment`, but there is none; did you mean `call payments`? Spans recorded: `POST /checkout`, `POST /payments` and `call payments`.',
    );
  });

  it('says when there are no traces', () => {
    expect(failure({ spans: [] }, ({ trace }) => trace.hasSingleTraceId())).toBe(`All spans should share one trace id, but no spans were recorded. ${NO_PROVIDER_HINT}`);
    expect(failure({ spans: [] }, ({ trace }) => trace.count(2))).toBe(`Expected 2 traces, but no spans were recorded. ${NO_PROVIDER_HINT}`);
  });

  it('shows at most three traces', () => {
    const t = new TraceBuilder();
    const roots = [0, 1, 2, 3, 4].map((i) => t.span(`request ${i}`, { start: i }));
    expect(failure(t.run(), ({ trace }) => trace.count(1))).toBe(
      `Expected one trace, but the spans are in 5 traces: ${roots
        .slice(0, 3)
        .map((r) => `trace ${short(r.traceId)} has \`${r.name}\``)
        .join('; ')}; and 2 more traces. ${NO_CONTEXT_MANAGER_HINT}`,
    );
  });
});

describe('attributes', () => {
  const { run } = checkoutTrace();

  it('passes existing attributes and equal values of every type', () => {
    passes(run, ({ span }) =>
      span('charge payment')
        .hasAttribute('payment.amount')
        .hasAttribute('payment.amount', 49.9)
        .hasAttribute('payment.currency', 'EUR')
        .hasAttribute('payment.currency', /^EU/)
        .hasAttribute('payment.3ds', true)
        .hasAttribute('payment.methods', ['card', 'voucher'])
        .hasNoAttribute('card.number'),
    );
  });

  it('says an attribute is missing, with a near miss and the attributes there are', () => {
    expect(failure(run, ({ span }) => span('processCheckout').hasAttribute('order_id'))).toBe(
      'Span `processCheckout` should have the attribute `order_id`, but it does not; did you mean `order.id`? Its attributes are `order.id` and `order.items`.',
    );
    expect(failure(run, ({ span }) => span('processCheckout').hasAttribute('user.id', 'u-1'))).toBe(
      'Span `processCheckout` should have `user.id` = "u-1", but it does not. Its attributes are `order.id` and `order.items`.',
    );
    expect(failure(run, ({ span }) => span('validate cart').hasAttribute('cart.size'))).toBe(
      'Span `validate cart` should have the attribute `cart.size`, but it has no attributes.',
    );
    // Keys from Object.prototype are not attributes.
    expect(failure(run, ({ span }) => span('validate cart').hasAttribute('constructor'))).toBe(
      'Span `validate cart` should have the attribute `constructor`, but it has no attributes.',
    );
    passes(run, ({ span }) => span('validate cart').hasNoAttribute('toString'));
  });

  it('shows the value found, and its type when the type differs', () => {
    expect(failure(run, ({ span }) => span('processCheckout').hasAttribute('order.id', 'A-18'))).toBe(
      'Span `processCheckout` should have `order.id` = "A-18", but it has `order.id` = "A-17".',
    );
    expect(failure(run, ({ span }) => span('processCheckout').hasAttribute('order.items', '3'))).toBe(
      'Span `processCheckout` should have `order.items` = "3", but it has `order.items` = 3 (an int).',
    );
    expect(failure(run, ({ span }) => span('charge payment').hasAttribute('payment.methods', ['card']))).toBe(
      'Span `charge payment` should have `payment.methods` = ["card"], but it has `payment.methods` = ["card", "voucher"].',
    );
    expect(failure(run, ({ span }) => span('POST /checkout').hasAttribute('http.route', /^\/pay/))).toBe(
      'Span `POST /checkout` should have `http.route` matching /^\\/pay/, but it has `http.route` = "/checkout".',
    );
  });

  it('checks attribute types', () => {
    passes(run, ({ span }) =>
      span('charge payment')
        .hasAttributeOfType('payment.currency', 'string')
        .hasAttributeOfType('payment.retries', 'int')
        .hasAttributeOfType('payment.amount', 'double')
        .hasAttributeOfType('payment.retries', 'double')
        .hasAttributeOfType('payment.3ds', 'bool')
        .hasAttributeOfType('payment.methods', 'array'),
    );
    expect(failure(run, ({ span }) => span('charge payment').hasAttributeOfType('payment.amount', 'int'))).toBe(
      'Span `charge payment` should have `payment.amount` as an int, but it has `payment.amount` = 49.9 (a double).',
    );
    expect(failure(run, ({ span }) => span('processCheckout').hasAttributeOfType('order.id', 'int'))).toBe(
      'Span `processCheckout` should have `order.id` as an int, but it has `order.id` = "A-17" (a string).',
    );
    expect(failure(run, ({ span }) => span('charge payment').hasAttributeOfType('payment.3ds', 'string'))).toBe(
      'Span `charge payment` should have `payment.3ds` as a string, but it has `payment.3ds` = true (a bool).',
    );
    expect(failure(run, ({ span }) => span('charge payment').hasAttributeOfType('payment.currency', 'array'))).toBe(
      'Span `charge payment` should have `payment.currency` as an array, but it has `payment.currency` = "EUR" (a string).',
    );
    expect(failure(run, ({ span }) => span('validate cart').hasAttributeOfType('cart.size', 'int'))).toBe(
      'Span `validate cart` should have the attribute `cart.size` (an int), but it has no attributes.',
    );
  });

  it('checks that an attribute is absent', () => {
    expect(failure(run, ({ span }) => span('processCheckout').hasNoAttribute('order.id'))).toBe(
      'Span `processCheckout` should not have the attribute `order.id`, but it has `order.id` = "A-17".',
    );
  });

  it('shortens and escapes long or multi-line values the program chose', () => {
    const t = new TraceBuilder();
    t.span(`evil\n${'x'.repeat(200)}`, { attributes: { note: `line one\nline two ${'y'.repeat(100)}` } });
    const message = failure(t.run(), ({ span }) => span({ name: /^evil/ }).hasAttribute('note', 'z'));
    expect(message).toBe(`Span \`evil\\n${'x'.repeat(53)}…\` should have \`note\` = "z", but it has \`note\` = "line one\\nline two ${'y'.repeat(40)}…".`);
    expect(message).not.toContain('\n');
  });
});

describe('status, events, exceptions and kind', () => {
  const { run } = checkoutTrace();

  it('passes the status, its message, events and the exception', () => {
    passes(run, ({ span }) =>
      span('charge payment')
        .hasStatus('ERROR')
        .hasStatus('ERROR', 'card declined for 500')
        .hasStatus('ERROR', /declined/)
        .hasEvent('card authorised')
        .hasEvent('exception', { 'exception.type': 'PaymentDeclined' })
        .hasException()
        .hasException({ type: 'PaymentDeclined' })
        .hasException({ type: 'PaymentDeclined', message: 'card declined for 500' })
        .hasException({ message: /declined/ })
        .hasKind('CLIENT'),
    );
  });

  it('says which status and message were found', () => {
    expect(failure(run, ({ span }) => span('processCheckout').hasStatus('ERROR'))).toBe('Span `processCheckout` should have status ERROR, but its status is UNSET.');
    expect(failure(run, ({ span }) => span('charge payment').hasStatus('OK'))).toBe('Span `charge payment` should have status OK, but its status is ERROR ("card declined for 500").');
    expect(failure(run, ({ span }) => span('charge payment').hasStatus('ERROR', 'card declined'))).toBe(
      'Span `charge payment` should have the status message "card declined", but its status message is "card declined for 500".',
    );
    const t = new TraceBuilder();
    t.span('charge payment', { status: 'ERROR' });
    expect(failure(t.run(), ({ span }) => span('charge payment').hasStatus('ERROR', /declined/))).toBe(
      'Span `charge payment` should have the status message matching /declined/, but it has no status message.',
    );
  });

  it('lists the events there are, with a near miss', () => {
    expect(failure(run, ({ span }) => span('charge payment').hasEvent('card authorized'))).toBe(
      'Span `charge payment` should have an event `card authorized`, but it has none; did you mean `card authorised`? Its events are `card authorised` and `exception`.',
    );
    expect(failure(run, ({ span }) => span('processCheckout').hasEvent('cache miss'))).toBe('Span `processCheckout` should have an event `cache miss`, but it has no events.');
    expect(failure(run, ({ span }) => span('charge payment').hasEvent('exception', { 'exception.type': 'Error', 'exception.escaped': true }))).toBe(
      'Span `charge payment` should have an event `exception` with `exception.type` = "Error" and `exception.escaped` = true, but its `exception` event has `exception.type` = "PaymentDeclined".',
    );
  });

  it('says what exception was recorded, if any', () => {
    expect(failure(run, ({ span }) => span('validate cart').hasException())).toBe(
      'Span `validate cart` should have recorded an exception (an `exception` event), but it has no events.',
    );
    const t = new TraceBuilder();
    t.span('retrying', { events: [{ name: 'retry' }] });
    t.span('untyped', { events: [{ name: 'exception', attributes: { 'exception.message': 'boom' } }] });
    t.span('two', { events: [exceptionEvent('TypeError', 'x is undefined'), exceptionEvent('RangeError', 'too far')] });
    expect(failure(t.run(), ({ span }) => span('retrying').hasException({ type: 'PaymentDeclined' }))).toBe(
      'Span `retrying` should have recorded an exception of type `PaymentDeclined` (an `exception` event), but it has none. Its events are `retry`.',
    );
    expect(failure(t.run(), ({ span }) => span('untyped').hasException({ type: 'PaymentDeclined' }))).toBe(
      'Span `untyped` should have recorded an exception of type `PaymentDeclined`, but the exception recorded has no `exception.type`.',
    );
    expect(failure(t.run(), ({ span }) => span('two').hasException({ type: 'PaymentDeclined' }))).toBe(
      'Span `two` should have recorded an exception of type `PaymentDeclined`, but the exceptions recorded are of types `TypeError` and `RangeError`.',
    );
    expect(failure(run, ({ span }) => span('charge payment').hasException({ type: 'TimeoutError' }))).toBe(
      'Span `charge payment` should have recorded an exception of type `TimeoutError`, but the exception recorded is of type `PaymentDeclined`.',
    );
    expect(failure(run, ({ span }) => span('charge payment').hasException({ type: 'PaymentDeclined', message: 'card declined' }))).toBe(
      'Span `charge payment` should have recorded an exception of type `PaymentDeclined` with the message "card declined", but the exception\'s message is "card declined for 500".',
    );
    expect(failure(t.run(), ({ span }) => span('untyped').hasException({ message: /declined/ }))).toBe(
      'Span `untyped` should have recorded an exception with the message matching /declined/, but the exception\'s message is "boom".',
    );
  });

  it('says which kind the span is', () => {
    expect(failure(run, ({ span }) => span('processCheckout').hasKind('SERVER'))).toBe('Span `processCheckout` should be a SERVER span, but it is an INTERNAL span.');
    expect(failure(run, ({ span }) => span('POST /checkout').hasKind('INTERNAL'))).toBe('Span `POST /checkout` should be an INTERNAL span, but it is a SERVER span.');
  });
});

describe('order and duration', () => {
  const { run } = checkoutTrace();

  it('passes true order and durations', () => {
    passes(run, ({ span }) => {
      span('validate cart').startsBefore('charge payment');
      span('charge payment').startsAfter('validate cart').startsAfterEndOf('validate cart');
      span('charge payment').lastsAtLeast(99).lastsAtMost(99).lastsAtLeast(50).lastsAtMost(100);
    });
  });

  it('says by how much the order is wrong', () => {
    expect(failure(run, ({ span }) => span('charge payment').startsBefore('validate cart'))).toBe('Span `charge payment` should start before `validate cart`, but it started 9 ms after it.');
    expect(failure(run, ({ span }) => span('validate cart').startsAfter('charge payment'))).toBe('Span `validate cart` should start after `charge payment`, but it started 9 ms before it.');
    const t = new TraceBuilder();
    t.span('reserve stock', { start: 0, end: 10 });
    t.span('charge payment', { start: 5, end: 20 });
    t.span('send email', { start: 5, end: 20 });
    expect(failure(t.run(), ({ span }) => span('charge payment').startsAfterEndOf('reserve stock'))).toBe(
      'Span `charge payment` should start after `reserve stock` has ended, but it started 5 ms before `reserve stock` ended.',
    );
  });

  it('allows the SDK clock’s millisecond between two spans, and no more', () => {
    // The SDK stamps each span's start with Date.now(): two spans can be up to 1 ms off.
    const t = new TraceBuilder();
    t.span('validate cart', { start: 0, end: 10 });
    t.span('charge payment', { start: 9.4, end: 30 });
    t.span('send email', { start: 12, end: 40 });
    expect(grade(t.run(), ({ span }) => span('charge payment').startsAfterEndOf('validate cart')).status).toBe('pass');
    expect(failure(t.run(), ({ span }) => span('send email').startsBefore('charge payment'))).toBe(
      'Span `send email` should start before `charge payment`, but it started 2.6 ms after it.',
    );
    const late = new TraceBuilder();
    late.span('validate cart', { start: 0, end: 10 });
    late.span('charge payment', { start: 8.5, end: 30 });
    expect(failure(late.run(), ({ span }) => span('charge payment').startsAfterEndOf('validate cart'))).toBe(
      'Span `charge payment` should start after `validate cart` has ended, but it started 1.5 ms before `validate cart` ended.',
    );
  });

  it('needs exactly one span to compare with', () => {
    const t = new TraceBuilder();
    t.span('charge payment');
    t.span('retry', { start: 1 });
    t.span('retry', { start: 2 });
    expect(failure(t.run(), ({ span }) => span('charge payment').startsBefore('retry'))).toBe('Expected one span named `retry`, but found 2.');
  });

  it('says how long the span lasted', () => {
    expect(failure(run, ({ span }) => span('charge payment').lastsAtLeast(100))).toBe('Span `charge payment` should last at least 100 ms, but it lasted 99 ms.');
    expect(failure(run, ({ span }) => span('charge payment').lastsAtMost(50))).toBe('Span `charge payment` should last at most 50 ms, but it lasted 99 ms.');
    expect(failure(run, ({ span }) => span('validate cart').lastsAtLeast(10))).toBe('Span `validate cart` should last at least 10 ms, but it lasted 8.5 ms.');
    const t = new TraceBuilder();
    t.span('fast', { start: 0, end: 0.042 });
    t.span('slow', { start: 0, end: 1250 });
    expect(failure(t.run(), ({ span }) => span('fast').lastsAtLeast(1))).toBe('Span `fast` should last at least 1 ms, but it lasted 0.042 ms.');
    expect(failure(t.run(), ({ span }) => span('slow').lastsAtMost(1000))).toBe('Span `slow` should last at most 1 s, but it lasted 1.25 s.');
  });

  it('compares times at nanosecond precision, beyond what a double holds', () => {
    const start = '1700000000000000001';
    const record = { ...checkoutTrace().spans.validate, startTimeUnixNano: start, endTimeUnixNano: '1700000000000000002' };
    expect(Number(record.endTimeUnixNano) - Number(record.startTimeUnixNano)).toBe(0);
    passes({ spans: [record] }, ({ span }) => span('validate cart').lastsAtLeast(0.000001).lastsAtMost(0.000001));
    expect(failure({ spans: [record] }, ({ span }) => span('validate cart').lastsAtMost(0))).toBe(
      'Span `validate cart` should last at most 0 ms, but it lasted 0 ms.',
    );
  });

  it('fails clearly on a time that is not a number', () => {
    const record = { ...checkoutTrace().spans.validate, startTimeUnixNano: 'NaN' };
    expect(failure({ spans: [record] }, ({ span }) => span('validate cart').lastsAtLeast(1))).toBe('Span `validate cart` has an invalid start time (`NaN`).');
  });

  it('treats a negative or non-finite limit as a mistake in the check', () => {
    expect(grade(run, ({ span }) => span('validate cart').lastsAtLeast(-1))).toEqual({
      name: 'the check',
      status: 'error',
      message: 'The check could not run: RangeError: A duration must be a number of milliseconds >= 0, not -1.',
    });
  });
});

describe('spans that never ended', () => {
  it('passes when every span ended', () => {
    passes(checkoutTrace().run, ({ allSpansEnded }) => allSpansEnded());
  });

  it('names the spans that never ended', () => {
    const t = new TraceBuilder();
    const root = t.span('processCheckout', { end: null });
    t.span('charge payment', { parent: root, end: null });
    t.span('validate cart', { parent: root });
    expect(failure(t.run(), ({ allSpansEnded }) => allSpansEnded())).toBe(
      `2 spans were started but never ended: \`processCheckout\` and \`charge payment\`. ${END_ADVICE}`,
    );
    const one = new TraceBuilder();
    one.span('charge payment', { end: null });
    expect(failure(one.run(), ({ allSpansEnded }) => allSpansEnded())).toBe(`Span \`charge payment\` was started but never ended. ${END_ADVICE}`);
  });
});

describe('console output', () => {
  const lines = (...texts: string[]): CheckRun => ({ spans: [], console: texts.map((text, i) => ({ level: 'log' as const, text, at: i })) });

  it('passes text that is there and attaches the output to the result', () => {
    const run = lines('starting', 'order placed: A-17');
    expect(grade(run, ({ output }) => output.contains('order placed').matches(/A-\d+/).doesNotContain('debug'))).toEqual({
      name: 'the check',
      status: 'pass',
      output: 'starting\norder placed: A-17',
    });
    passes({ spans: [] }, ({ output, assert }) => assert(output.lines.length === 0 && output.text === '', 'no output'));
    expect(
      grade(run, ({ output }) => {
        expect(output.lines).toEqual(['starting', 'order placed: A-17']);
        expect(output.text).toBe('starting\norder placed: A-17');
        output.contains('starting');
      }),
    ).toMatchObject({ status: 'pass' });
  });

  it('shows what was printed instead', () => {
    expect(failure(lines(), ({ output }) => output.contains('order placed'))).toBe('The output should contain "order placed", but the program printed nothing.');
    expect(failure(lines('starting', 'Order Placed: A-17'), ({ output }) => output.contains('order placed'))).toBe(
      'The output should contain "order placed", but it was 2 lines: "starting" and "Order Placed: A-17". A line differs only in case: "Order Placed: A-17".',
    );
    expect(failure(lines('total: none'), ({ output }) => output.matches(/total: \d+/))).toBe('The output should match /total: \\d+/, but it was 1 line: "total: none".');
    expect(failure(lines('ok', 'debug: x=1'), ({ output }) => output.doesNotContain('debug'))).toBe('The output should not contain "debug", but line 2 does: "debug: x=1".');
    expect(failure(lines('a', 'b', 'c', 'd', 'e'), ({ output }) => output.contains('f'))).toBe('The output should contain "f", but it was 5 lines: "a", "b", "c" and 2 more.');
  });
});

describe('custom conditions and extras', () => {
  const { run } = checkoutTrace();

  it('asserts and fails with the check’s own message', () => {
    passes(run, ({ assert, run: data }) => assert(data.spans.length === 4, 'four spans'));
    expect(failure(run, ({ assert }) => assert(false, 'Send the order id to the payment service.'))).toBe('Send the order id to the payment service.');
    expect(failure(run, ({ fail }) => fail('Nope.'))).toBe('Nope.');
  });

  it('exposes the raw run with defaults filled in', () => {
    passes({ spans: [] }, ({ run: data, assert }) => {
      assert(data.exit === 'ok' && data.unfinished.length === 0 && data.console.length === 0 && Object.keys(data.extras).length === 0, 'defaults');
    });
  });
});
