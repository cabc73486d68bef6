import { describe, expect, it } from 'vitest';
import { createTrace } from '../../src/trace-reading/trace-builder.ts';
import { defineTraceReading, type Question } from '../../src/trace-reading/define.ts';
import { gradeTraceReading } from '../../src/trace-reading/grade.ts';
import { formatAnswers, parseAnswers } from '../../src/trace-reading/answers.ts';

/**
 * The checkout of lesson 1, plus a parallel branch and an error chain:
 *   POST /checkout 0-450 (error)
 *     auth 2-14 · cart 15-23 · charge payment 26-406 (error) > stripe api call 28-403 (error) · save order 410-425
 *     load prices 2-12 (parallel with auth, which ends later: off the critical path)
 *   and a failed retry under `cart` that did not fail it.
 */
function checkout() {
  const t = createTrace({ seed: 1 });
  const root = t.span({ name: 'POST /checkout', service: 'checkout', kind: 'SERVER', startMs: 0, durationMs: 450, status: 'ERROR' });
  const ids = {
    root,
    auth: t.span({ name: 'auth', service: 'checkout', parent: root, startMs: 2, durationMs: 12 }),
    prices: t.span({ name: 'load prices', service: 'pricing', kind: 'CLIENT', parent: root, startMs: 2, durationMs: 10 }),
    cart: t.span({ name: 'cart', service: 'checkout', parent: root, startMs: 15, durationMs: 8 }),
    charge: '',
    stripe: '',
    retry: '',
    save: '',
  };
  ids.retry = t.span({ name: 'GET cart', service: 'redis', kind: 'CLIENT', parent: ids.cart, startMs: 16, durationMs: 2, status: 'ERROR', message: 'timeout' });
  ids.charge = t.span({ name: 'charge payment', service: 'checkout', parent: root, startMs: 26, durationMs: 380, status: 'ERROR' });
  ids.stripe = t.span({ name: 'stripe api call', service: 'payments', kind: 'CLIENT', parent: ids.charge, startMs: 28, durationMs: 375, status: 'ERROR', message: 'ETIMEDOUT' });
  ids.save = t.span({ name: 'save order', service: 'checkout', kind: 'CLIENT', parent: root, startMs: 410, durationMs: 15 });
  return { trace: t.records(), ids };
}

const { trace, ids } = checkout();

function grade(questions: Question[], answers: string) {
  return gradeTraceReading(defineTraceReading({ trace, questions }), answers);
}
const only = (questions: Question[], answers: string) => grade(questions, answers).tests[0]!;

const bottleneck: Question = { id: 'bottleneck', answer: 'span', ask: 'Which span is the bottleneck?', check: 'The bottleneck', expect: { rule: 'bottleneck' } };

describe('span answers', () => {
  it('passes the span with the most self time, by id or by a unique name', () => {
    expect(only([bottleneck], `bottleneck: ${ids.stripe}`).status).toBe('pass');
    expect(only([bottleneck], 'bottleneck: stripe api call').status).toBe('pass');
  });

  it('says why a long span whose children fill it is not the bottleneck', () => {
    const result = only([bottleneck], `bottleneck: ${ids.charge}`);
    expect(result.status).toBe('fail');
    expect(result.message).toBe('`charge payment` (checkout) is not the bottleneck: its children account for 375 ms of its 380 ms, so it spends most of its time waiting for them. Look at self time: its own is 5 ms.');
  });

  it('says a span with little self time is not it, without naming the answer', () => {
    const result = only([bottleneck], 'bottleneck: auth');
    expect(result.message).toContain('its self time is 12 ms');
    expect(result.message).not.toContain('stripe');
  });

  it('fails an unanswered question, and an answer that names no span of the trace', () => {
    expect(only([bottleneck], '{}')).toMatchObject({ status: 'fail', message: expect.stringMatching(/^Not answered yet/) });
    expect(only([bottleneck], 'bottleneck: nope').message).toContain('no span that is `nope`');
  });

  it('finds where an error started: down the chain of errors from the top, not a failed retry elsewhere', () => {
    const origin: Question = { id: 'origin', answer: 'span', ask: 'Where did the error start?', check: 'The origin', expect: { rule: 'error-origin' } };
    expect(only([origin], `origin: ${ids.stripe}`).status).toBe('pass');
    expect(only([origin], `origin: ${ids.charge}`).message).toBe('`charge payment` (checkout) is an error, but so is its child `stripe api call` (payments): the error came up from below. Follow the errors down to the deepest one.');
    expect(only([origin], `origin: ${ids.retry}`).message).toContain('did not come from it');
    expect(only([origin], `origin: ${ids.save}`).message).toContain('is not an error: its status is UNSET');
  });

  it('uses the instructor’s message for a known mistake, and the rule’s otherwise', () => {
    const named: Question = {
      id: 'call',
      answer: 'span',
      ask: 'Which span is the call to Stripe?',
      check: 'The call',
      expect: { span: 'stripe api call' },
      mistakes: [{ answer: 'charge payment', message: 'That is the step around the call.' }],
    };
    expect(only([named], 'call: charge payment').message).toBe('That is the step around the call.');
    expect(only([named], 'call: auth').message).toMatch(/^You selected `auth` \(checkout\); that is not the span/);
  });

  it('finds the span with the largest gap', () => {
    const gap: Question = { id: 'gap', answer: 'span', ask: 'Which span has the largest gap?', check: 'The gap', expect: { rule: 'largest-gap' } };
    expect(only([gap], 'gap: POST /checkout').status).toBe('pass');
    expect(only([gap], 'gap: charge payment').message).toContain('The widest gap in `charge payment` (checkout) is 3 ms');
    expect(only([gap], 'gap: auth').message).toContain('has no gap: it has no children');
  });
});

describe('number answers', () => {
  const selfTime: Question = { id: 'self', answer: 'number', ask: 'Self time of the root?', check: 'Self time', expect: { selfTimeOf: 'POST /checkout' }, tolerance: 1 };

  it('passes within the tolerance and fails outside it', () => {
    // 450 - 12 (auth, with load prices beside it) - 8 - 380 - 15 = 35
    expect(only([selfTime], 'self: 35').status).toBe('pass');
    expect(only([selfTime], 'self: 36').status).toBe('pass');
    expect(only([selfTime], 'self: 34.2').status).toBe('pass');
    expect(only([selfTime], 'self: 37').status).toBe('fail');
    expect(only([{ ...selfTime, tolerance: 0 }], 'self: 36').status).toBe('fail');
  });

  it('recognises the whole duration and the children’s time as the usual mistakes', () => {
    expect(only([selfTime], 'self: 450').message).toBe('450 ms is the whole duration of `POST /checkout` (checkout). Self time is its duration minus the time its children cover.');
    expect(only([selfTime], 'self: 415').message).toContain('is the time the children of `POST /checkout` (checkout) cover');
    expect(only([selfTime], 'self: 100').message).toMatch(/^100 ms is not within 1 ms of the answer\./);
  });

  it('measures the largest gap, and names a smaller gap the learner found', () => {
    const gap: Question = { id: 'gap', answer: 'number', ask: 'How long is the largest gap?', check: 'The gap', expect: { rule: 'largest-gap' }, tolerance: 0.5 };
    expect(only([gap], 'gap: 25').status).toBe('pass');
    expect(only([gap], 'gap: 3').message).toMatch(/^There is a 3 ms gap in `POST \/checkout` \(checkout\), but a wider one elsewhere/);
  });

  it('accepts a number typed as text, and rejects what is not a number', () => {
    expect(only([selfTime], "self: '35'").status).toBe('pass');
    expect(only([selfTime], 'self: about 30')).toMatchObject({ status: 'fail', message: expect.stringContaining('must be a number') });
  });

  it('accepts a number written with the unit the viewer shows, ms', () => {
    expect(only([selfTime], 'self: 35 ms').status).toBe('pass');
    expect(only([selfTime], 'self: 35ms').status).toBe('pass');
    expect(only([selfTime], 'self: 35 s')).toMatchObject({ status: 'fail', message: expect.stringContaining('must be a number (of milliseconds), not "35 s"') });
    expect(only([selfTime], 'self: ms')).toMatchObject({ status: 'fail', message: expect.stringContaining('must be a number') });
    expect(only([selfTime], "self: '  '")).toMatchObject({ status: 'fail', message: expect.stringContaining('must be a number') });
  });
});

describe('span-set answers', () => {
  const path: Question = { id: 'path', answer: 'spans', ask: 'Which spans are on the critical path?', check: 'The path', expect: { rule: 'critical-path' } };
  // `GET cart` too: `cart` waits for it, even if it failed and `cart` went on.
  const onPath = ['POST /checkout', 'auth', 'cart', 'GET cart', 'charge payment', 'stripe api call', 'save order'];

  it('passes the critical path in any order, and fails a subset or a superset', () => {
    expect(only([path], `path: [${[...onPath].reverse().join(', ')}]`).status).toBe('pass');
    expect(only([path], `path: [${onPath.slice(1).join(', ')}]`).message).toMatch(/^6 of your 6 spans are right, and 1 span is missing\./);
  });

  it('explains why a parallel span is not on the path', () => {
    const result = only([path], `path: [${[...onPath, 'load prices'].join(', ')}]`);
    expect(result.status).toBe('fail');
    expect(result.message).toContain('7 of your 8 spans are right.');
    expect(result.message).toContain('Not on the critical path: `load prices` (pricing): it runs beside `auth` (checkout), which ends later, so nothing waits for it to end.');
  });

  it('grades a set the instructor names', () => {
    const named: Question = { id: 'errors', answer: 'spans', ask: 'Which spans are errors?', check: 'The errors', expect: { spans: ['POST /checkout', 'charge payment', 'stripe api call', 'GET cart'] } };
    expect(only([named], 'errors: [GET cart, stripe api call, charge payment, POST /checkout]').status).toBe('pass');
    expect(only([named], 'errors: [stripe api call]').status).toBe('fail');
  });
});

describe('answers files', () => {
  it('reports a YAML syntax error with its line, and keys that are no question', () => {
    const broken = grade([bottleneck], 'bottleneck: [a\nb: c: d');
    expect(broken.status).toBe('error');
    expect(broken.message).toMatch(/^answers\.yaml:\d+: YAML syntax/);
    const unknown = grade([bottleneck], 'bottlenek: auth');
    expect(unknown).toMatchObject({ status: 'error', message: 'answers.yaml: `bottlenek` is not a question of this exercise (its questions: bottleneck).' });
  });

  it('writes answers in the order of the questions and reads them back', () => {
    const questions: Question[] = [bottleneck, { id: 'self', answer: 'number', ask: 'Self time?', check: 'Self', expect: { value: 1 } }];
    const text = formatAnswers({ self: 34, bottleneck: ids.stripe }, questions);
    expect(text).toBe(`bottleneck: ${ids.stripe}\nself: 34\n`);
    expect(parseAnswers(text, questions)).toEqual({ ok: true, answers: { bottleneck: ids.stripe, self: 34 }, problems: {}, unknown: [] });
    expect(formatAnswers({}, questions)).toBe('{}\n');
  });
});

describe('defineTraceReading', () => {
  it('refuses a question that names a span the trace does not have, or one of several with that name', () => {
    expect(() => defineTraceReading({ trace, questions: [{ ...bottleneck, expect: { span: 'refund' } }] })).toThrow('question 1 (bottleneck): no span `refund` in the trace');
    const twice = createTrace({ seed: 2 });
    const root = twice.span({ name: 'root', service: 's', startMs: 0, durationMs: 10 });
    twice.span({ name: 'step', service: 's', parent: root, startMs: 1, durationMs: 2 });
    twice.span({ name: 'step', service: 's', parent: root, startMs: 4, durationMs: 2 });
    expect(() => defineTraceReading({ trace: twice.records(), questions: [{ ...bottleneck, expect: { span: 'step' } }] })).toThrow(/2 spans are named `step`; name this one by its span id/);
  });

  it('refuses duplicate ids and check titles, and more than one trace', () => {
    expect(() => defineTraceReading({ trace, questions: [bottleneck, bottleneck] })).toThrow('two questions have the id "bottleneck"');
    expect(() => defineTraceReading({ trace, questions: [bottleneck, { ...bottleneck, id: 'other' }] })).toThrow('check title "The bottleneck"');
    const other = createTrace({ seed: 3 });
    other.span({ name: 'x', service: 's', startMs: 0, durationMs: 1 });
    expect(() => defineTraceReading({ trace: [...trace, ...other.records()], questions: [bottleneck] })).toThrow('it has 2 trace ids');
  });
});

describe('createTrace', () => {
  it('builds the same trace from the same seed, and another from another seed', () => {
    expect(checkout().trace).toEqual(trace);
    const a = createTrace({ seed: 9 });
    a.span({ name: 'x', service: 's', startMs: 0, durationMs: 1 });
    expect(a.records()[0]!.traceId).not.toBe(trace[0]!.traceId);
    expect(trace[0]!.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(trace.map((s) => s.spanId)).size).toBe(trace.length);
  });

  it('ends a span later, at a time its children decide, and refuses an end before the start', () => {
    const t = createTrace({ seed: 4 });
    const root = t.span({ name: 'root', service: 's', startMs: 5, durationMs: 0 });
    t.end(root, 25);
    const [record] = t.records();
    expect(BigInt(record!.endTimeUnixNano!) - BigInt(record!.startTimeUnixNano)).toBe(20_000_000n);
    expect(() => t.end(root, 1)).toThrow('would end before it starts');
  });
});
