import { describe, expect, it } from 'vitest';
import { check, defineChecks, runChecks, type CheckContext, type CheckRun } from '../../src/checks/index.ts';
import { withHiddenRun } from '../../src/exercises/hidden-run.ts';
import { TraceBuilder } from '../helpers/span-builder.ts';

// The builder's epoch, in Unix milliseconds: work reports use the same clock as span times.
const EPOCH_MS = 1_700_000_000_000;
const grade = (run: CheckRun, test: (t: CheckContext) => void) => runChecks(defineChecks([check('it', test)]), run).tests[0]!;

describe('checks that read what the program really did', () => {
  const t = new TraceBuilder();
  const root = t.span('POST /checkout', { start: 0, end: 50 });
  const step = t.span('charge payment', { parent: root, start: 5, end: 45 });
  const early = t.span('save order', { parent: root, start: 46, end: 60 });
  const work = (spanId: string | undefined, start: number, end: number) => ({ operation: 'stripeCharge', traceId: root.traceId, spanId, start: EPOCH_MS + start, end: EPOCH_MS + end });
  const run = (extras: Record<string, unknown>): CheckRun => ({ spans: t.spans, extras });

  it('wraps: the work ran while the span was active, and the span lasted as long as it', () => {
    expect(grade(run({ work: [work(step.spanId, 6, 44)] }), ({ span }) => span('charge payment').wraps('stripeCharge')).status).toBe('pass');
    expect(grade(run({ work: [] }), ({ span }) => span('charge payment').wraps('stripeCharge')).message).toBe(
      'Span `charge payment` should wrap the work of `stripeCharge`, but `stripeCharge` never ran: a span with the right name is not enough. Call `stripeCharge()` inside the span.',
    );
    expect(grade(run({ work: [work(root.spanId, 6, 44)] }), ({ span }) => span('charge payment').wraps('stripeCharge')).message).toMatch(
      /^`stripeCharge` ran while span `POST \/checkout` was active, not span `charge payment`: the span was not active while its work ran\./,
    );
    expect(grade(run({ work: [work(undefined, 6, 44)] }), ({ span }) => span('charge payment').wraps('stripeCharge')).message).toMatch(/ran while no span was active/);
    expect(grade(run({ work: [work(step.spanId, 6, 80)] }), ({ span }) => span('charge payment').wraps('stripeCharge')).message).toMatch(
      /^Span `charge payment` ended 35 ms before the `stripeCharge` it wraps finished/,
    );
    // Not active, but run in the context the span was started in: enough when the exercise allows it.
    expect(grade(run({ work: [work(root.spanId, 6, 44)] }), ({ span }) => span('charge payment').wraps('stripeCharge', { active: false })).status).toBe('pass');
  });

  it('coversChildren and parentsCoverChildren: a parent ends after its children', () => {
    expect(grade(run({}), ({ span }) => span('charge payment').coversChildren()).status).toBe('pass');
    expect(grade(run({}), ({ parentsCoverChildren }) => parentsCoverChildren()).message).toMatch(
      /^Span `POST \/checkout` ended 10 ms before its child `save order` did: .*not awaited.*`return await work\(\);`/,
    );
    void early;
  });

  it('spansTimedBySdk: flags the spans whose times the program passed', () => {
    const clocks = [{ traceId: step.traceId, spanId: step.spanId, start: EPOCH_MS + 5, end: EPOCH_MS + 45, explicitEnd: true }];
    expect(grade(run({ clocks: [] }), ({ spansTimedBySdk }) => spansTimedBySdk()).status).toBe('pass');
    expect(grade(run({ clocks }), ({ spansTimedBySdk }) => spansTimedBySdk()).message).toMatch(/^Span `charge payment` was given its end time \(`span\.end\(time\)`\) by the program\./);
  });

  it('request: what a service really received', () => {
    const requests = [{ service: 'collector', method: 'POST', path: '/v1/traces', headers: {}, body: '{}' }];
    expect(grade(run({ requests }), ({ request }) => void request({ service: 'collector', path: '/v1/traces' })).status).toBe('pass');
    expect(grade(run({ requests }), ({ request }) => void request({ service: 'honeycomb' })).message).toBe(
      'No request to `honeycomb` was sent: the service received nothing from the program (requests went to `collector`). Whatever the program printed, only a request that reached the service counts.',
    );
  });

  it('input: the value the scenario used in this run, or the fallback', () => {
    expect(grade(run({ inputs: { tenant: 'globex' } }), ({ input, assert }) => assert(input<string>('tenant', 'acme') === 'globex', 'x')).status).toBe('pass');
    expect(grade(run({}), ({ input, assert }) => assert(input('tenant', 'acme') === 'acme', 'x')).status).toBe('pass');
  });
});

describe('withHiddenRun', () => {
  const results = (status: 'pass' | 'fail', message?: string) => ({ version: 2 as const, status, tests: [{ name: 'a', status, ...(message ? { message } : {}) }] });

  it('fails a check that only the hidden run fails, naming the inputs and the seed, and a fixed answer', () => {
    const merged = withHiddenRun(results('pass'), {
      seed: 7,
      visible: { tenant: 'acme' },
      hidden: { tenant: 'globex' },
      results: results('fail', 'Span `x` should have `tenant.id` = "globex", but it has `tenant.id` = "acme".'),
    });
    expect(merged.status).toBe('fail');
    expect(merged.tests[0]!.message).toBe(
      'This passes with the scenario\'s inputs but not with different ones the grader chose (tenant = "globex"), seed 7: Span `x` should have `tenant.id` = "globex", but it has `tenant.id` = "acme". The program gave the same answer (`acme`) for a different input: it looks fixed in the code, not computed from the input.',
    );
  });

  it('names a fixed number only where it stands as a whole number', () => {
    const hidden = (message: string) =>
      withHiddenRun(results('pass'), { seed: 3, visible: { coupon: { code: 'WELCOME10', percentOff: 10 } }, hidden: { coupon: { code: 'WELCOME35', percentOff: 35 } }, results: results('fail', message) }).tests[0]!.message;
    expect(hidden('`discount.percent_off` should be 35, but it is 10.')).toMatch(/same answer \(`10`\) for a different input/);
    expect(hidden('It took 100 ms, or 0.10 s, for ord_1042.')).not.toMatch(/same answer/);
  });

  it('keeps the visible run’s results when both agree, or the visible run fails', () => {
    expect(withHiddenRun(results('pass'), { seed: 1, visible: {}, hidden: {}, results: results('pass') })).toEqual(results('pass'));
    expect(withHiddenRun(results('fail', 'no'), { seed: 1, visible: {}, hidden: {}, results: results('fail', 'other') })).toEqual(results('fail', 'no'));
  });
});
