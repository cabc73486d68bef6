import { describe, expect, it } from 'vitest';
import { check, defineChecks, header, is, parseTraceparent, runChecks, type CheckContext, type CheckResult, type CheckRun } from '../../src/checks/index.ts';
import { TraceBuilder } from '../helpers/span-builder.ts';
import { NO_PROPAGATOR_HINT } from '../../src/checks/registration-hints.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';

function grade(run: CheckRun, test: (t: CheckContext) => unknown): CheckResult {
  return runChecks(defineChecks([check('the check', test)]), run).tests[0]!;
}

const problem = (value: unknown, label?: string): string => {
  const parsed = parseTraceparent(value, label);
  if (parsed.valid) throw new Error(`valid: ${String(value)}`);
  return parsed.problem;
};

describe('parseTraceparent', () => {
  it('reads a valid value and its sampled flag', () => {
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-01`)).toEqual({
      valid: true,
      traceparent: { version: '00', traceId: TRACE, parentId: PARENT, flags: '01', sampled: true },
    });
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-00`)).toMatchObject({ valid: true, traceparent: { sampled: false } });
    // Other flag bits (such as random, 02) leave the sampled bit readable.
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-03`)).toMatchObject({ valid: true, traceparent: { sampled: true } });
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-02`)).toMatchObject({ valid: true, traceparent: { sampled: false } });
  });

  it('says precisely what is wrong with the value as a whole', () => {
    expect(problem(undefined)).toBe('The traceparent header is missing.');
    expect(problem(null)).toBe('The traceparent header is missing.');
    expect(problem(42)).toBe('The traceparent header should be a string, but it is an int (42).');
    expect(problem([`00-${TRACE}-${PARENT}-01`])).toBe(`The traceparent header should be a string, but it is an array (["00-${TRACE}-${PARENT}-01"]).`);
    expect(problem('')).toBe('The traceparent header is empty.');
    expect(problem(` 00-${TRACE}-${PARENT}-01`)).toBe(`The traceparent header has spaces or line breaks around it: " 00-${TRACE}-${PARENT}-01".`);
    expect(problem(`${TRACE}-${PARENT}-01`)).toBe(
      `The traceparent header should have 4 fields separated by \`-\` (version-traceid-parentid-flags), but it has 3: "${TRACE}-${PARENT}-01".`,
    );
    expect(problem(`00-${TRACE}-${PARENT}-01-extra`)).toMatch(/should have 4 fields .* but it has 5:/);
  });

  it('says precisely what is wrong with each field', () => {
    expect(problem(`01-${TRACE}-${PARENT}-01`)).toBe('The version of the traceparent header should be `00`, but it is `01`.');
    expect(problem(`ff-${TRACE}-${PARENT}-01`)).toBe('The version of the traceparent header should be `00`, but it is `ff`.');
    expect(problem(`00-${TRACE.toUpperCase()}-${PARENT}-01`)).toBe(
      `The trace id of the traceparent header should be lowercase hex, but \`${TRACE.toUpperCase()}\` has upper-case letters.`,
    );
    expect(problem(`00-${TRACE.slice(0, 31)}g-${PARENT}-01`)).toBe(`The trace id of the traceparent header should be hex digits (0-9, a-f), but \`${TRACE.slice(0, 31)}g\` has \`g\`.`);
    expect(problem(`00-${TRACE.slice(1)}-${PARENT}-01`)).toBe(`The trace id of the traceparent header should be 32 hex digits, but it has 31: \`${TRACE.slice(1)}\`.`);
    expect(problem(`00-${'0'.repeat(32)}-${PARENT}-01`)).toBe('The trace id of the traceparent header is all zeros, which is not a valid id.');
    // Trace id and span id swapped: the usual mistake when building the header by hand.
    expect(problem(`00-${PARENT}-${TRACE}-01`)).toBe(`The trace id of the traceparent header should be 32 hex digits, but it has 16: \`${PARENT}\`.`);
    expect(problem(`00-${TRACE}-${TRACE}-01`)).toBe(`The parent id of the traceparent header should be 16 hex digits, but it has 32: \`${TRACE}\`.`);
    expect(problem(`00-${TRACE}-${'0'.repeat(16)}-01`)).toBe('The parent id of the traceparent header is all zeros, which is not a valid id.');
    expect(problem(`00-${TRACE}-${PARENT.toUpperCase()}-01`)).toMatch(/^The parent id of the traceparent header should be lowercase hex/);
    // `traceFlags` (a number) written as is: 1 instead of 01.
    expect(problem(`00-${TRACE}-${PARENT}-1`)).toBe('The flags of the traceparent header should be 2 hex digits (`01` sampled, `00` not sampled), but it has 1: `1`.');
    expect(problem(`00-${TRACE}-${PARENT}-0x`)).toBe('The flags of the traceparent header should be hex digits (0-9, a-f), but `0x` has `x`.');
  });

  it('names the value with the label it is given', () => {
    expect(problem(undefined, 'the traceparent of the request to /payments')).toBe('The traceparent of the request to /payments is missing.');
    expect(problem(`02-${TRACE}-${PARENT}-01`, 'the traceparent of the request to /payments')).toBe(
      'The version of the traceparent of the request to /payments should be `00`, but it is `02`.',
    );
  });
});

describe('traceparent assertions', () => {
  function twoServices() {
    const t = new TraceBuilder();
    const root = t.span('POST /checkout', { kind: 'SERVER', end: 50 });
    const client = t.span('call payments', { parent: root, kind: 'CLIENT', start: 1, end: 40 });
    t.span('POST /payments', { kind: 'SERVER', parent: client, service: 'payments', start: 2, end: 30 });
    const other = t.span('unrelated', { start: 60, end: 70 });
    return { t, root, client, other };
  }

  it('passes a header sent from inside the client span', () => {
    const { t, client } = twoServices();
    const value = `00-${client.traceId}-${client.spanId}-01`;
    expect(grade(t.run(), ({ traceparent }) => traceparent(value).isSampled().pointsTo('call payments'))).toEqual({ name: 'the check', status: 'pass' });
    expect(grade(t.run(), ({ traceparent }) => expect(traceparent(value).traceId).toBe(client.traceId))).toMatchObject({ status: 'pass' });
  });

  it('fails an invalid header with its problem', () => {
    const { t } = twoServices();
    expect(grade(t.run(), ({ traceparent }) => traceparent(`00-${TRACE}-${PARENT}-1`).pointsTo('call payments'))).toEqual({
      name: 'the check',
      status: 'fail',
      message: 'The flags of the traceparent header should be 2 hex digits (`01` sampled, `00` not sampled), but it has 1: `1`.',
    });
  });

  it('says whose ids a header carries instead', () => {
    const { t, root, client, other } = twoServices();
    const message = (value: string, target = 'call payments') => grade(t.run(), ({ traceparent }) => traceparent(value).pointsTo(target)).message;
    expect(message(`00-${root.traceId}-${root.spanId}-01`)).toBe('The traceparent header should carry `call payments`, but it carries span `POST /checkout`.');
    expect(message(`00-${client.traceId}-${PARENT}-01`)).toBe(`The traceparent header should carry \`call payments\`, but it carries span id ${PARENT}, which is not a recorded span of that trace.`);
    expect(message(`00-${TRACE}-${PARENT}-01`)).toBe(`The traceparent header should carry \`call payments\`, but it carries trace 4bf92f35…, and \`call payments\` is in trace ${client.traceId.slice(0, 8)}….`);
    expect(message(`00-${other.traceId}-${other.spanId}-01`)).toBe('The traceparent header should carry `call payments`, but it carries span `unrelated`.');
    expect(message(`00-${client.traceId}-${client.spanId}-01`, 'call payment')).toBe(
      'The traceparent header should carry `call payment`, but there is none; did you mean `call payments`? Spans recorded: `POST /checkout`, `POST /payments`, `call payments` and 1 more.',
    );
  });

  it('checks the sampled flag', () => {
    const { t } = twoServices();
    expect(grade(t.run(), ({ traceparent }) => traceparent(`00-${TRACE}-${PARENT}-00`).isSampled()).message).toBe(
      'The traceparent header should say the trace is sampled (flags `01`), but its flags are `00`.',
    );
    expect(grade(t.run(), ({ traceparent }) => traceparent(`00-${TRACE}-${PARENT}-01`, 'the header sent to /payments').isNotSampled()).message).toBe(
      'The header sent to /payments should say the trace is not sampled (flags `00`), but its flags are `01`.',
    );
  });
});

describe('extras: what the learner’s code sent', () => {
  const requestGuard = is.array(is.object({ url: is.string, method: is.optional(is.string), headers: is.record(is.string) }));

  it('narrows captured requests and checks their headers', () => {
    const { spans } = new TraceBuilder();
    const t = new TraceBuilder();
    const client = t.span('call payments', { kind: 'CLIENT' });
    const run: CheckRun = { ...t.run(), extras: { requests: [{ url: 'http://localhost:4000/payments', headers: { TraceParent: `00-${client.traceId}-${client.spanId}-01` } }] } };
    expect(spans).toEqual([]);
    expect(
      grade(run, ({ extra, traceparent }) => {
        const requests = extra('requests', requestGuard);
        const sent = requests.find((r) => r.url.endsWith('/payments'));
        traceparent(sent && header(sent.headers, 'traceparent'), 'the traceparent of the request to /payments').pointsTo('call payments');
      }),
    ).toEqual({ name: 'the check', status: 'pass' });

    const missingHeader: CheckRun = { ...run, extras: { requests: [{ url: 'http://localhost:4000/payments', headers: {} }] } };
    expect(
      grade(missingHeader, ({ extra, traceparent }) => {
        const [sent] = extra('requests', requestGuard);
        traceparent(sent && header(sent.headers, 'traceparent'), 'the traceparent of the request to /payments');
      }),
    ).toEqual({ name: 'the check', status: 'fail', message: `The traceparent of the request to /payments is missing. ${NO_PROPAGATOR_HINT}` });
  });

  it('makes a missing or malformed extra an error of the check, not a failure of the learner', () => {
    const run: CheckRun = { spans: [], extras: { requests: 'not a list' } };
    expect(grade({ spans: [] }, ({ extra, assert }) => assert(extra('requests', requestGuard).length > 0, 'no request'))).toEqual({
      name: 'the check',
      status: 'error',
      message: 'The check could not run: This check needs `requests` from the run, but the run did not capture it.',
    });
    expect(grade(run, ({ extra, assert }) => assert(extra('requests', requestGuard).length > 0, 'no request'))).toEqual({
      name: 'the check',
      status: 'error',
      message: "The check could not run: The run's `requests` does not have the shape this check expects.",
    });
  });

  it('has guards that reject what they should', () => {
    expect(is.string('a') && is.number(1) && is.boolean(false) && is.unknown(undefined)).toBe(true);
    expect(is.array(is.string)(['a', 1])).toBe(false);
    expect(is.record(is.string)({ a: 'x', b: 2 })).toBe(false);
    expect(is.record(is.string)(['x'])).toBe(false);
    expect(is.object({ url: is.string })({ url: 1 })).toBe(false);
    expect(is.object({ url: is.string })(null)).toBe(false);
    expect(is.optional(is.string)(undefined)).toBe(true);
    expect(is.optional(is.string)(3)).toBe(false);
    expect(header({ 'Content-Type': 'a', TRACEPARENT: ['x', 'y'] }, 'traceparent')).toBe('x');
    expect(header({ a: 'b' }, 'traceparent')).toBeUndefined();
  });
});
