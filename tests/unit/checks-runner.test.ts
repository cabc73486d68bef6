import { describe, expect, it } from 'vitest';
import { check, CheckFailure, defineChecks, isCheckFailure, runChecks, type CheckRun } from '../../src/checks/index.ts';
import { editDistance, nearMisses } from '../../src/checks/near-miss.ts';
import { duration, list, value } from '../../src/checks/format.ts';
import type { RunError } from '../../sandboxes/wire/protocol.ts';
import { checkoutTrace, TraceBuilder } from '../helpers/span-builder.ts';

const checkout = defineChecks([
  check('Charge payment is a child of processCheckout', ({ span }) => span('charge payment').isChildOf('processCheckout')),
  check('The failed payment records its exception', ({ span }) => span('charge payment').hasException({ type: 'PaymentDeclined' })),
  check('Every span is ended', ({ allSpansEnded }) => allSpansEnded()),
]);

/** The same trace, but with the payment attached to the root span. */
function wrongParent(): CheckRun {
  const t = new TraceBuilder();
  const root = t.span('POST /checkout', { end: 120 });
  t.span('processCheckout', { parent: root, start: 1, end: 100 });
  t.span('charge payment', { parent: root, start: 2, status: 'ERROR' });
  return t.run();
}

describe('runChecks', () => {
  it('passes when every check passes, in the shape of Exercism’s results.json', () => {
    expect(runChecks(checkout, checkoutTrace().run)).toEqual({
      version: 2,
      status: 'pass',
      tests: [
        { name: 'Charge payment is a child of processCheckout', status: 'pass' },
        { name: 'The failed payment records its exception', status: 'pass' },
        { name: 'Every span is ended', status: 'pass' },
      ],
    });
  });

  it('fails when a check fails, keeping every check in its order', () => {
    expect(runChecks(checkout, wrongParent())).toEqual({
      version: 2,
      status: 'fail',
      tests: [
        {
          name: 'Charge payment is a child of processCheckout',
          status: 'fail',
          message: 'Span `charge payment` should be a child of `processCheckout`, but its parent is `POST /checkout`.',
        },
        {
          name: 'The failed payment records its exception',
          status: 'fail',
          message: 'Span `charge payment` should have recorded an exception of type `PaymentDeclined` (an `exception` event), but it has no events.',
        },
        { name: 'Every span is ended', status: 'pass' },
      ],
    });
  });

  it('reports a check that throws as an error and still runs the others: a fail overall, as checks did run', () => {
    const checks = defineChecks([
      check('Broken', ({ run }) => (run.extras as { nothing: { here: string } }).nothing.here),
      check('Throws a string', () => {
        throw 'boom';
      }),
      check('Works', ({ span }) => span('processCheckout')),
    ]);
    const results = runChecks(checks, checkoutTrace().run);
    expect(results.status).toBe('fail');
    expect(results.message).toBe('2 checks could not run; this is a problem with the exercise, not with your code.');
    expect(results.tests[0]).toEqual({ name: 'Broken', status: 'error', message: expect.stringMatching(/^The check could not run: TypeError: Cannot read properties of undefined/) });
    expect(results.tests[1]).toEqual({ name: 'Throws a string', status: 'error', message: 'The check could not run: boom' });
    expect(results.tests[2]).toEqual({ name: 'Works', status: 'pass' });
  });

  it('reports checks that cannot fail or are asynchronous as errors', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    const results = runChecks(
      defineChecks([
        check('Asserts nothing', ({ spans }) => spans('charge payment')),
        // A common mistake: an async check whose promise nobody awaits.
        check('Async', async ({ span }) => {
          await Promise.resolve();
          span('nothing such');
        }),
      ]),
      checkoutTrace().run,
    );
    expect(results.tests).toEqual([
      { name: 'Asserts nothing', status: 'error', message: 'The check made no assertion, so it could never fail.' },
      { name: 'Async', status: 'error', message: 'The check returned a promise; checks must be synchronous (remove `async`).' },
    ]);
    expect(results.message).toBe('2 checks could not run; this is a problem with the exercise, not with your code.');
    // Node reports unhandled rejections once the microtask queue drains, before the next macrotask.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', onRejection);
    expect(rejections).toEqual([]);
  });

  it('tells a failed assertion from a bug by a shared symbol, across copies of the library', () => {
    const foreign = Object.assign(new Error('Span `x` is wrong.'), { [Symbol.for('otel-course.check-failure')]: true });
    expect(isCheckFailure(foreign)).toBe(true);
    expect(isCheckFailure(new CheckFailure('x'))).toBe(true);
    expect(isCheckFailure(new Error('x'))).toBe(false);
    expect(isCheckFailure('x')).toBe(false);
    const results = runChecks(
      defineChecks([
        check('Foreign failure', ({ assert }) => {
          assert(true, '');
          throw foreign;
        }),
      ]),
      checkoutTrace().run,
    );
    expect(results).toEqual({ version: 2, status: 'fail', tests: [{ name: 'Foreign failure', status: 'fail', message: 'Span `x` is wrong.' }] });
  });

  it('is an error without checks, and defineChecks refuses what the verifier should report', () => {
    expect(runChecks([], checkoutTrace().run)).toEqual({ version: 2, status: 'error', message: 'This exercise has no checks.', tests: [] });
    expect(() => defineChecks([])).toThrow('defineChecks: give at least one check.');
    expect(() => defineChecks([check('Same', ({ span }) => span('a')), check('Same', ({ span }) => span('b'))])).toThrow(
      'defineChecks: two checks are titled "Same"; titles must be unique.',
    );
    expect(() => defineChecks([check('  ', ({ span }) => span('a'))])).toThrow('defineChecks: check 1 has no title.');
    expect(() => defineChecks([{ title: 'x' } as never])).toThrow("defineChecks: item 1 is not a check; write check('title', (t) => ...).");
  });

  it('attaches the output to checks that read it, truncated to 500 characters', () => {
    const console = [{ level: 'log' as const, text: 'x'.repeat(600), at: 0 }];
    const results = runChecks(
      defineChecks([check('Reads output', ({ output }) => output.contains('xx')), check('Does not', ({ span }) => span('processCheckout'))]),
      { ...checkoutTrace().run, console },
    );
    expect(results.tests[0]!.output).toBe(`${'x'.repeat(500)}… (output truncated to 500 characters)`);
    expect(results.tests[1]).toEqual({ name: 'Does not', status: 'pass' });
  });
});

describe('runChecks when the run failed', () => {
  const runtimeError: RunError = { kind: 'runtime', name: 'PaymentDeclined', message: 'card declined for 500', at: { file: 'main.ts', line: 4, column: 9 } };

  it('does not check code that did not compile', () => {
    let called = 0;
    const checks = defineChecks([
      check('One', ({ span }) => {
        called += 1;
        span('a');
      }),
      check('Two', ({ span }) => span('b')),
    ]);
    const run: CheckRun = {
      exit: 'compile-error',
      spans: [],
      errors: [
        { kind: 'compile', name: 'SyntaxError', message: 'Expression expected.', at: { file: 'main.ts', line: 2, column: 16 } },
        { kind: 'compile', name: 'SyntaxError', message: "';' expected.", at: { file: 'main.ts', line: 3, column: 1 } },
      ],
    };
    expect(runChecks(checks, run)).toEqual({
      version: 2,
      status: 'error',
      message: "Your code did not compile, so it was not checked:\nmain.ts, line 2, column 16: Expression expected.\nmain.ts, line 3, column 1: ';' expected.",
      tests: [
        { name: 'One', status: 'error', message: 'Not checked: the code did not compile.' },
        { name: 'Two', status: 'error', message: 'Not checked: the code did not compile.' },
      ],
    });
    expect(called).toBe(0);
  });

  it('checks the spans recorded before an uncaught error, and is a fail overall with the error in its message', () => {
    const results = runChecks(checkout, { ...wrongParent(), exit: 'error', errors: [runtimeError] });
    expect(results.status).toBe('fail');
    expect(results.message).toBe(
      'Your program stopped with an error: PaymentDeclined: card declined for 500 (main.ts, line 4). The checks ran on the spans recorded before it stopped.',
    );
    expect(results.tests.map((t) => t.status)).toEqual(['fail', 'fail', 'pass']);
  });

  it('names plain errors without a redundant type, and counts the others', () => {
    const run: CheckRun = {
      spans: [],
      errors: [
        { kind: 'runtime', name: 'Error', message: 'nobody waits' },
        { kind: 'runtime', name: 'NonError', message: '"oops" was thrown' },
      ],
    };
    expect(runChecks(checkout, run).message).toBe('Your program stopped with an error: nobody waits (and 1 more error). The checks ran on the spans recorded before it stopped.');
  });

  it('uses the limit’s own message for a time limit, a span flood and a crash', () => {
    const limit = (exit: 'timeout' | 'span-limit' | 'crashed', error: RunError) => runChecks(checkout, { ...checkoutTrace().run, exit, errors: [runtimeError, error] });
    const timeout = limit('timeout', { kind: 'limit', name: 'TimeLimit', message: 'The program was stopped after 5 s. Look for a loop that never ends.' });
    expect(timeout).toMatchObject({ status: 'fail', message: 'The program was stopped after 5 s. Look for a loop that never ends. The checks ran on the spans recorded before it was stopped.' });
    expect(timeout.tests.map((t) => t.status)).toEqual(['pass', 'pass', 'pass']);
    expect(limit('span-limit', { kind: 'limit', name: 'SpanLimit', message: 'The program ended more than 10,000 spans, so it was stopped.' }).message).toBe(
      'The program ended more than 10,000 spans, so it was stopped. The checks ran on the spans recorded before it was stopped.',
    );
    expect(limit('crashed', { kind: 'sandbox', name: 'OutOfMemory', message: 'The program ran out of memory (limit 256 MB).' }).message).toBe(
      'The program ran out of memory (limit 256 MB). The checks ran on the spans recorded before it was stopped.',
    );
  });

  it('does not check a cancelled run', () => {
    expect(runChecks(checkout, { ...checkoutTrace().run, exit: 'cancelled' })).toMatchObject({
      status: 'error',
      message: 'The run was cancelled, so it was not checked.',
      tests: [{ status: 'error', message: 'Not checked: the run was cancelled.' }, { status: 'error' }, { status: 'error' }],
    });
  });

  it('takes a run with errors but no exit as failed', () => {
    expect(runChecks(checkout, { spans: checkoutTrace().run.spans, errors: [runtimeError] }).status).toBe('fail');
  });

  it('is a fail, not a pass, when the program failed but every check passed', () => {
    const results = runChecks(checkout, { ...checkoutTrace().run, exit: 'error', errors: [runtimeError] });
    expect(results.tests.map((t) => t.status)).toEqual(['pass', 'pass', 'pass']);
    expect(results).toMatchObject({ status: 'fail', message: expect.stringMatching(/^Your program stopped with an error: PaymentDeclined/) });
  });

  it('is an error only when no check could run', () => {
    const broken = defineChecks([
      check('Broken', () => {
        throw new TypeError('nope');
      }),
    ]);
    expect(runChecks(broken, checkoutTrace().run)).toMatchObject({ status: 'error', message: '1 check could not run; this is a problem with the exercise, not with your code.' });
  });

  it('names a denied action of the program first, as the likely cause of what followed', () => {
    const denial: RunError = { kind: 'sandbox', name: 'AccessDenied', message: 'The program tried to write /tmp/x; graded programs may not write files.' };
    const results = runChecks(checkout, { ...checkoutTrace().run, exit: 'error', errors: [runtimeError, denial] });
    expect(results).toMatchObject({
      status: 'fail',
      message: 'The program tried to write /tmp/x; graded programs may not write files (and 1 more error). The checks ran on the spans the program recorded.',
    });
  });
});

describe('determinism', () => {
  it('gives the same JSON for the same run, whatever order the spans arrived in', () => {
    const t = new TraceBuilder();
    const root = t.span('POST /checkout', { end: 200 });
    for (let i = 0; i < 8; i += 1) t.span(`step ${i}`, { parent: root, start: i, end: 100 - i });
    t.span('chargePayment', { parent: root, start: 50 });
    const checks = defineChecks([
      check('Charge payment', ({ span }) => span('charge payment').isChildOf('POST /checkout')),
      check('Steps in order', ({ spans }) => spans({ name: /^step / }).each((s) => s.lastsAtMost(90))),
      check('Output', ({ output }) => output.contains('done')),
    ]);
    const run = t.run();
    const first = runChecks(checks, run);
    const again = runChecks(checks, run);
    const reversed = runChecks(checks, { ...run, spans: [...run.spans].reverse() });
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(first));
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    expect(first.tests.map((r) => r.message)).toEqual([
      'Expected a span named `charge payment`, but there is none; did you mean `chargePayment`? Spans recorded: `POST /checkout`, `chargePayment`, `step 0` and 7 more.',
      'Span `step 0` (1 of 8) should last at most 90 ms, but it lasted 100 ms.',
      'The output should contain "done", but the program printed nothing.',
    ]);
  });
});

describe('message helpers', () => {
  it('measures edit distance and finds near misses ignoring case and separators', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(nearMisses('charge payment', ['chargePayment', 'charge_payment', 'refund', 'charge payment'])).toEqual(['chargePayment', 'charge_payment']);
    expect(nearMisses('order.id', ['orderId', 'order.items', 'user.id'])).toEqual(['orderId']);
    expect(nearMisses('processCheckout', ['processCheckot'])).toEqual(['processCheckot']);
    expect(nearMisses('db', ['http', 'dns'])).toEqual([]);
    expect(nearMisses('a', ['b'])).toEqual(['b']);
  });

  it('lists, quotes and times things the same way everywhere', () => {
    expect(list([])).toBe('');
    expect(list(['a'])).toBe('a');
    expect(list(['a', 'b'])).toBe('a and b');
    expect(list(['a', 'b', 'c'])).toBe('a, b and c');
    expect(list(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe('a, b, c and 4 more');
    expect(value('42')).toBe('"42"');
    expect(value(42)).toBe('42');
    expect(value([1, 2, 3, 4, 5, 6])).toBe('[1, 2, 3, 4, 5, …]');
    expect(value({ a: 1 })).toBe('{"a":1}');
    expect(duration(42_000n)).toBe('0.042 ms');
    expect(duration(12_345_678n)).toBe('12.3 ms');
    expect(duration(100_000_000n)).toBe('100 ms');
    expect(duration(1_250_000_000n)).toBe('1.25 s');
  });
});
