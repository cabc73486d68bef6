import { describe, expect, it } from 'vitest';
import { check } from '../../src/checks/index.ts';
import { gradeRun } from '../../src/exercises/grade-run.ts';
import { RunCollector } from '../../src/runtime/collector.ts';
import type { RunResult } from '../../src/runtime/runtime.ts';
import { UntrustedMessages, UntrustedRecordError } from '../../src/runtime/untrusted-records.ts';
import { checkoutTrace } from '../helpers/span-builder.ts';

const timings = { transpileMs: 0, startMs: 0, runMs: 0, totalMs: 0 };
const { spans } = checkoutTrace();
const good = spans.root;
const withSpan = (patch: Record<string, unknown>) => ({ type: 'spans', spans: [{ ...good, ...patch }] });
const runError = (message: string) => ({ type: 'error', error: { kind: 'runtime', name: 'Error', message } });

describe('UntrustedMessages: every message from a sandbox is rebuilt from what is allowed', () => {
  it('passes genuine records through unchanged', () => {
    const all = Object.values(spans);
    expect(new UntrustedMessages().read({ type: 'spans', spans: all })).toEqual({ type: 'spans', spans: all });
    const done = { type: 'done', ok: true, unfinished: [] };
    expect(new UntrustedMessages().read(done)).toEqual(done);
  });

  it.each([
    ['a traceId that is an object', { traceId: { toString: (): string => 'x' } }, /traceId is not 32 lowercase hex/],
    ['a traceId of the wrong length', { traceId: 'abc' }, /traceId is not 32/],
    ['an uppercase spanId', { spanId: 'ABCDEF0123456789' }, /spanId is not 16/],
    ['a parentSpanId of the wrong length', { parentSpanId: '1234' }, /parentSpanId is not 16/],
    ['a time that is not digits', { startTimeUnixNano: '1e21' }, /startTimeUnixNano is not a time/],
    ['a time that is a number', { endTimeUnixNano: 12 }, /endTimeUnixNano is not a time/],
    ['a name that is not a string', { name: 42 }, /name is not a string/],
    ['a name of a megabyte', { name: 'x'.repeat(1_000_000) }, /name is longer than 16,384 characters/],
    ['an unknown kind', { kind: 'SIDEWAYS' }, /kind is not one of/],
    ['an attribute value that is an object', { attributes: { 'a.b': { nested: true } } }, /a\.b is not a string, number, boolean/],
    ['a circular attribute', { attributes: (() => { const a: unknown[] = []; a.push(a); return { loop: a }; })() }, /loop: an item is not a string/],
    ['too many attributes', { attributes: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i])) }, /more than 256 attributes/],
    ['too many events', { events: Array.from({ length: 1_001 }, () => ({ name: 'e', timeUnixNano: '1', attributes: {} })) }, /events has more than 1,000 items/],
    ['a status code of its own', { status: { code: 'FINE' } }, /status: code is not one of/],
  ])('refuses %s, naming the field', (_what, patch, problem) => {
    expect(() => new UntrustedMessages().read(withSpan(patch))).toThrow(problem);
  });

  it('drops fields nobody asked for, so nothing else rides along', () => {
    const read = new UntrustedMessages().read(withSpan({ extra: 'x'.repeat(10), toJSON: 'no' })) as unknown as { spans: Array<Record<string, unknown>> };
    expect(read.spans[0]).not.toHaveProperty('extra');
    expect(read.spans[0]).not.toHaveProperty('toJSON');
  });

  it('cuts an oversized error message to 16 KiB instead of copying it on', () => {
    const read = new UntrustedMessages().read(runError('x'.repeat(64 * 1024 * 1024))) as unknown as { error: { message: string } };
    expect(read.error.message.length).toBeLessThan(17 * 1024);
    expect(read.error.message).toMatch(/… \(67,092,480 more characters\)$/);
  });

  it('counts per run: spans, errors, console lines, requests and bytes', () => {
    const small = new UntrustedMessages({ spans: 2, errors: 2, consoleLines: 1, requests: 1, totalBytes: 4_000 });
    small.read({ type: 'spans', spans: [good, good] });
    expect(() => small.read({ type: 'spans', spans: [good] })).toThrow(/more than 2 spans/);
    small.read(runError('one'));
    small.read(runError('two'));
    expect(() => small.read(runError('three'))).toThrow(/more than 2 errors/);
    small.read({ type: 'console', line: { level: 'log', text: 'a', at: 0 } });
    expect(() => small.read({ type: 'console', line: { level: 'log', text: 'b', at: 0 } })).toThrow(/more than 1 console lines/);
    const request = { service: 's', method: 'GET', path: '/', headers: {}, body: '' };
    small.read({ type: 'request', request });
    expect(() => small.read({ type: 'request', request })).toThrow(/more than 1 requests/);
    const bytes = new UntrustedMessages({ totalBytes: 4_000 });
    expect(() => bytes.read({ type: 'request', request: { ...request, body: 'x'.repeat(3_000) } })).toThrow(/more than .* MiB of records/);
  });

  it('ignores message types it does not know, and refuses what is not an object', () => {
    expect(new UntrustedMessages().read({ type: 'something-else' })).toBeUndefined();
    expect(() => new UntrustedMessages().read('spans')).toThrow(UntrustedRecordError);
    expect(() => new UntrustedMessages().read({ type: 'done', ok: 'yes', unfinished: [] })).toThrow(/done\.ok/);
  });
});

describe('RunCollector ends a run that breaks the rules, with a clear message', () => {
  it('a malformed record ends the run as crashed, naming the problem', () => {
    const collector = new RunCollector('worker');
    expect(collector.accept(withSpan({ traceId: { forged: true } }))).toBe(true);
    const result = collector.result(timings);
    expect(result.exit).toBe('crashed');
    expect(result.spans).toEqual([]);
    expect(result.errors[0]!.message).toMatch(/record the course cannot use \(span 1 of spans: traceId is not 32 lowercase hex characters\)/);
  });

  it('enforces the span cap again on the page, as the sandbox does', () => {
    const collector = new RunCollector('worker', undefined, { spanLimit: 3 });
    expect(collector.accept({ type: 'spans', spans: [good, good, good] })).toBe(false);
    expect(collector.accept({ type: 'spans', spans: [good] })).toBe(true);
    const result = collector.result(timings);
    expect(result.exit).toBe('span-limit');
    expect(result.spans).toHaveLength(3);
    expect(result.errors[0]!.message).toMatch(/more than 3 spans/);
  });

  it('stops a flood of errors after 100, passing on only those', () => {
    const collector = new RunCollector('worker');
    let ended = false;
    for (let i = 0; i < 90_000 && !ended; i++) ended = collector.accept(runError(`rejection ${i}`));
    const result = collector.result(timings);
    expect(result.exit).toBe('crashed');
    expect(result.errors).toHaveLength(101);
    expect(result.errors.at(-1)!.message).toMatch(/more than 100 errors/);
  });
});

describe('grading never throws out of its guard', () => {
  const readsTrace = check('Every span is ended', ({ allSpansEnded }) => allSpansEnded());

  it('a run whose records the checks cannot read gives a check error, not a throw', () => {
    // What no validator lets through, should one ever be bypassed: ids and times that are not strings.
    for (const patch of [{ traceId: Object.create(null) as object }, { spanId: Object.create(null) as object }]) {
      const run = { runtime: 'worker', exit: 'ok', spans: [{ ...good, ...patch }], unfinished: [], console: [], errors: [], requests: [], rejectedFrames: 0, timings } as unknown as RunResult;
      const results = gradeRun([readsTrace], run);
      expect(results.status).toBe('error');
      expect(results.tests).toEqual([expect.objectContaining({ name: 'Every span is ended', status: 'error' })]);
    }
  });
});
