import { describe, expect, it } from 'vitest';
import { check, defineChecks, runChecks } from '../../src/checks/index.ts';
import { NodeRuntime } from '../../src/runtime/node-runtime.ts';
import { programRequest, source, traced } from '../helpers/programs.ts';

/** Checks on genuine records: the programs run in host Node through the sandbox harness. */
const runtime = new NodeRuntime();

const checkoutProgram = (body: string) => `import { SpanStatusCode, trace } from '@opentelemetry/api';
const tracer = trace.getTracer('checkout');
class PaymentDeclined extends Error { override name = 'PaymentDeclined'; }
export async function main(): Promise<void> {
  await tracer.startActiveSpan('processCheckout', async (root) => {
${body}
    root.end();
  });
}`;

const chargeChecks = defineChecks([
  check('Charge payment is a child of processCheckout', ({ span }) => span('charge payment').isChildOf('processCheckout')),
  check('The payment failure is recorded', ({ span }) =>
    span('charge payment').hasStatus('ERROR', 'card declined').hasException({ type: 'PaymentDeclined', message: 'card declined' }),
  ),
  check('Every span is ended', ({ allSpansEnded }) => allSpansEnded()),
  check('The result is printed', ({ output }) => output.contains('checkout failed')),
]);

describe('checks on records from host Node', () => {
  it('grades the errors program: exceptions, status, attributes and their types', async () => {
    const run = await runtime.run(programRequest('errors'));
    const checks = defineChecks([
      check('Two payments', ({ spans }) => spans('charge payment').count(2)),
      check('The declined payment records its exception', ({ span }) =>
        span({ name: 'charge payment', status: 'ERROR' })
          .hasException({ type: 'PaymentDeclined', message: 'card declined for 500' })
          .hasStatus('ERROR', /declined/)
          .hasAttribute('payment.amount', 500)
          .hasAttributeOfType('payment.amount', 'int'),
      ),
      check('The other payment is fine', ({ span }) => span({ name: 'charge payment', attributes: { 'payment.amount': 50 } }).hasStatus('UNSET').lastsAtMost(1000)),
      check('Every span is ended', ({ allSpansEnded }) => allSpansEnded()),
    ]);
    expect(runChecks(checks, run)).toEqual({
      version: 2,
      status: 'pass',
      tests: checks.map((c) => ({ name: c.title, status: 'pass' })),
    });
  });

  it('grades the propagation program: one trace across two services and a valid traceparent', async () => {
    const run = await runtime.run(programRequest('propagation'));
    const checks = defineChecks([
      check('The payments server continues the checkout trace', ({ span }) =>
        span('POST /payments').hasKind('SERVER').isChildOf('call payments').isDescendantOf('POST /checkout').isInSameTraceAs('POST /checkout'),
      ),
      check('One trace', ({ trace }) => trace.hasSingleTraceId()),
      check('The traceparent sent carries the client span', ({ span, traceparent }) =>
        traceparent(span('POST /payments').record.attributes['received.traceparent'], 'the traceparent received by payments').isSampled().pointsTo('call payments'),
      ),
      check('Payments runs as its own service', ({ span }) => span({ name: 'POST /payments', service: 'payments' })),
    ]);
    expect(runChecks(checks, run).status).toBe('pass');
  });

  it('grades the sampler program: a 25% ratio over 200 requests', async () => {
    const run = await runtime.run(programRequest('sampler'));
    const checks = defineChecks([
      check('About a quarter of the requests are kept', ({ samplingRatio }) => samplingRatio({ expected: 0.25, total: 200 })),
      check('Children follow their parent', ({ spans }) => spans('child').count(spans({ root: true }).length)),
    ]);
    expect(runChecks(checks, run).status).toBe('pass');
    const strict = runChecks(defineChecks([check('Half are kept', ({ samplingRatio }) => samplingRatio({ expected: 0.5, total: 200 }))]), run);
    expect(strict.tests[0]!.message).toMatch(/^Kept \d+ of 200 traces \(\d+\.\d%\); a 50% sampler keeps 50% ± 14\.1% of them, between 72 and 128\.$/);
  });

  it('passes a solution and explains each failure of a starter', async () => {
    const solution = await runtime.run(
      traced(
        checkoutProgram(`    await tracer.startActiveSpan('charge payment', async (span) => {
      try { throw new PaymentDeclined('card declined'); }
      catch (error) { span.recordException(error as Error); span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message }); console.log('checkout failed'); }
      finally { span.end(); }
    });`),
      ),
    );
    expect(runChecks(chargeChecks, solution).status).toBe('pass');

    // The starter: the payment span is a root span, records nothing, and is not ended.
    const starter = await runtime.run(
      traced(
        checkoutProgram(`    const span = tracer.startSpan('charge payment', { root: true });
    try { throw new PaymentDeclined('card declined'); } catch { console.log('Checkout failed'); }
    void span;`),
      ),
    );
    expect(starter.exit).toBe('ok');
    expect(runChecks(chargeChecks, starter)).toEqual({
      version: 2,
      status: 'fail',
      tests: [
        {
          name: 'Charge payment is a child of processCheckout',
          status: 'fail',
          message: 'Span `charge payment` was started but never ended. Call `span.end()` on every path, including when an error is thrown.',
        },
        {
          name: 'The payment failure is recorded',
          status: 'fail',
          message: 'Span `charge payment` was started but never ended. Call `span.end()` on every path, including when an error is thrown.',
        },
        {
          name: 'Every span is ended',
          status: 'fail',
          message: 'Span `charge payment` was started but never ended. Call `span.end()` on every path, including when an error is thrown.',
        },
        {
          name: 'The result is printed',
          status: 'fail',
          message: 'The output should contain "checkout failed", but it was 1 line: "Checkout failed". A line differs only in case: "Checkout failed".',
          output: 'Checkout failed',
        },
      ],
    });
  });

  it('reports a program that throws, or does not compile, in the learner’s terms', async () => {
    const thrown = await runtime.run(traced(checkoutProgram("    throw new PaymentDeclined('card declined');")));
    const results = runChecks(chargeChecks, thrown);
    expect(results.status).toBe('fail');
    expect(results.message).toMatch(/^Your program stopped with an error: PaymentDeclined: card declined \(main\.ts, line 7\)\. The checks ran on the spans recorded before it stopped\.$/);
    expect(results.tests.map((t) => t.message)).toEqual([
      'Expected a span named `charge payment`, but there is none. Spans recorded: `processCheckout`.',
      'Expected a span named `charge payment`, but there is none. Spans recorded: `processCheckout`.',
      'Span `processCheckout` was started but never ended. Call `span.end()` on every path, including when an error is thrown.',
      'The output should contain "checkout failed", but the program printed nothing.',
    ]);

    const broken = await runtime.run(source('export function main() {\n  const x = ;\n}\n'));
    expect(runChecks(chargeChecks, broken)).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/^Your code did not compile, so it was not checked:\nmain\.ts, line 2, column \d+: Expression expected\.$/),
      tests: chargeChecks.map((c) => ({ name: c.title, status: 'error', message: 'Not checked: the code did not compile.' })),
    });
  });
});
