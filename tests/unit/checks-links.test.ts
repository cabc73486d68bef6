import { describe, expect, it } from 'vitest';
import { check, defineChecks, runChecks, type CheckContext, type CheckResult, type CheckRun } from '../../src/checks/index.ts';
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { TraceBuilder } from '../helpers/span-builder.ts';

function grade(run: CheckRun, test: (t: CheckContext) => unknown): CheckResult {
  return runChecks(defineChecks([check('the check', test)]), run).tests[0]!;
}
const passes = (run: CheckRun, test: (t: CheckContext) => unknown) => expect(grade(run, test)).toEqual({ name: 'the check', status: 'pass' });
function failure(run: CheckRun, test: (t: CheckContext) => unknown): string {
  const result = grade(run, test);
  expect(result.status, result.message).toBe('fail');
  return result.message!;
}
const short = (id: string) => `${id.slice(0, 8)}…`;
const link = (to: Pick<SpanRecord, 'traceId' | 'spanId'>, attributes: SpanRecord['attributes'] = {}) => ({ traceId: to.traceId, spanId: to.spanId, attributes });

/** Two requests enqueue orders, each in its own trace; a batch job in a third trace links to both. */
function batchTrace() {
  const t = new TraceBuilder();
  const first = t.span('enqueue order', { kind: 'PRODUCER', start: 0, end: 2 });
  const second = t.span('enqueue order', { kind: 'PRODUCER', start: 3, end: 5 });
  const batch = t.span('process batch', { kind: 'CONSUMER', start: 10, end: 20 });
  batch.links.push(link(first, { 'messaging.batch.index': 0 }), link(second, { 'messaging.batch.index': 1 }));
  const item = t.span('process item', { parent: batch, start: 11, end: 12 });
  // A span that links into its own trace, one that links to a span nobody recorded, one with none.
  item.links.push(link(batch));
  const lonely = t.span('audit', { start: 30, end: 31 });
  lonely.links.push({ traceId: 'ab'.repeat(16), spanId: 'cd'.repeat(8), attributes: {} });
  t.span('cleanup', { start: 40, end: 41 });
  return { run: t.run(), first, second, batch, item };
}

const HOW_TO_LINK = 'Links are added when a span starts (`tracer.startSpan(name, { links: [{ context: other.spanContext() }] })`) or with `span.addLink(...)`.';

describe('link assertions', () => {
  const { run, batch } = batchTrace();

  it('hasLink: any link, a link to a span that matches, with link attributes', () => {
    passes(run, ({ span }) => span('process batch').hasLink().hasLink('enqueue order').hasLink({ kind: 'PRODUCER' }, { 'messaging.batch.index': 1 }));
    passes(run, ({ span }) => span('process item').hasLink('process batch'));
  });

  it('hasLink fails naming where the links point, or that there are none, with how to add one', () => {
    expect(failure(run, ({ span }) => span('cleanup').hasLink())).toBe(`Span \`cleanup\` should have a link, but it has no links. ${HOW_TO_LINK}`);
    expect(failure(run, ({ span }) => span('process item').hasLink('enqueue order'))).toBe(
      'Span `process item` should have a link to `enqueue order`, but its link points to `process batch` (in its own trace).',
    );
    expect(failure(run, ({ span }) => span('audit').hasLink('enqueue order'))).toBe(
      `Span \`audit\` should have a link to \`enqueue order\`, but its link points to a span that was not recorded (trace ${short('ab'.repeat(16))}, span ${'cd'.repeat(8)}).`,
    );
    expect(failure(run, ({ span }) => span('process batch').hasLink('enqueue orders'))).toBe(
      'Span `process batch` should have a link to `enqueue orders`, but its links point to `enqueue order` (in another trace) and `enqueue order` (in another trace). There is no span named `enqueue orders`; did you mean `enqueue order`?',
    );
    expect(failure(run, ({ span }) => span('process batch').hasLink('enqueue order', { 'messaging.batch.index': 2 }))).toBe(
      'Span `process batch` should have a link to `enqueue order` with `messaging.batch.index` = 2, but its link to `enqueue order` has `messaging.batch.index` = 0.',
    );
  });

  it('hasLinkCount counts the links, none included', () => {
    passes(run, ({ span }) => span('process batch').hasLinkCount(2));
    passes(run, ({ span }) => span('cleanup').hasLinkCount(0));
    expect(failure(run, ({ span }) => span('process batch').hasLinkCount(3))).toBe('Span `process batch` should have 3 links, but it has 2.');
    expect(failure(run, ({ span }) => span('cleanup').hasLinkCount(1))).toBe('Span `cleanup` should have 1 link, but it has none.');
  });

  it('hasLinkToAnotherTrace: passes only for a link out of its own trace, and says when every link stays inside', () => {
    passes(run, ({ span }) => span('process batch').hasLinkToAnotherTrace().hasLinkToAnotherTrace('enqueue order'));
    passes(run, ({ span }) => span('audit').hasLinkToAnotherTrace());
    expect(failure(run, ({ span }) => span('process item').hasLinkToAnotherTrace())).toBe(
      'Span `process item` should have a link in another trace, but every link points into its own trace (`process batch` (in its own trace)): the two spans share a trace id, so one was started inside the other\'s context.',
    );
    expect(failure(run, ({ span }) => span('audit').hasLinkToAnotherTrace('enqueue order'))).toBe(
      `Span \`audit\` should have a link to \`enqueue order\` in another trace, but its link points to a span that was not recorded (trace ${short('ab'.repeat(16))}, span ${'cd'.repeat(8)}).`,
    );
    expect(failure(run, ({ span }) => span('cleanup').hasLinkToAnotherTrace())).toBe(`Span \`cleanup\` should have a link in another trace, but it has no links. ${HOW_TO_LINK}`);
  });

  it('works on every span of a set', () => {
    passes(run, ({ spans }) => spans({ kind: 'CONSUMER' }).each((s) => s.hasLinkToAnotherTrace({ kind: 'PRODUCER' })));
    expect(batch.links).toHaveLength(2);
  });
});

describe('negative relations', () => {
  const { run } = batchTrace();

  it('isNotInSameTraceAs: passes for a span in a trace of its own', () => {
    passes(run, ({ span }) => span('process batch').isNotInSameTraceAs('enqueue order'));
  });

  it('isNotInSameTraceAs fails when they share a trace, saying how to start a new one', () => {
    expect(failure(run, ({ span }) => span('process item').isNotInSameTraceAs('process batch'))).toBe(
      `Span \`process item\` should not be in the same trace as \`process batch\`, but it and \`process batch\` are both in trace ${short(batchTrace().batch.traceId)}: it was started inside that trace's context. A span starts a new trace with \`{ root: true }\` (or in \`ROOT_CONTEXT\`); a link can still point back.`,
    );
  });

  it('isNotInSameTraceAs cannot pass for want of the other span', () => {
    expect(failure(run, ({ span }) => span('process batch').isNotInSameTraceAs('enqueue ordr'))).toMatch(
      /^Span `process batch` should not be in the same trace as `enqueue ordr` \(a span that must exist\), but there is none; did you mean `enqueue order`\? Spans recorded: /,
    );
  });

  it('isNotChildOf and isNotDescendantOf', () => {
    passes(run, ({ span }) => span('process item').isNotChildOf('enqueue order').isNotDescendantOf('enqueue order'));
    passes(run, ({ span }) => span('cleanup').isNotChildOf('process batch'));
    expect(failure(run, ({ span }) => span('process item').isNotChildOf({ kind: 'CONSUMER' }))).toBe(
      'Span `process item` should not be a child of a CONSUMER span, but its parent is `process batch`.',
    );
    expect(failure(run, ({ span }) => span('process item').isNotDescendantOf('process batch'))).toBe(
      'Span `process item` should not be a descendant of `process batch`, but its path from the root is `process batch` > `process item`.',
    );
  });
});

describe('the span record, as #checks exports it', () => {
  it('gives a duration from a record, and none for a span never ended', async () => {
    const { durationMs, durationNanos } = await import('../../src/checks/index.ts');
    const { batch } = batchTrace();
    expect(durationMs(batch)).toBe(10);
    expect(durationNanos(batch)).toBe(10_000_000n);
    expect(durationMs({ startTimeUnixNano: '1' })).toBeUndefined();
  });
});
