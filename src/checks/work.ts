import type { SpanClock, WorkReport } from '../../sandboxes/wire/protocol.ts';
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { is } from './extras.ts';
import { code, duration, sentence } from './format.ts';
import { endOf, startOf, type RunIndex } from './run-data.ts';

/**
 * What the program really did, as the sandbox saw it rather than as its spans claim: the work
 * the exercise's helpers reported (`extras.work`) and when the sandbox's clock saw each span
 * start and end (`extras.clocks`). A program cannot write either.
 */

const workGuard = is.array(
  is.object({ operation: is.string, spanId: is.optional(is.string), traceId: is.optional(is.string), start: is.number, end: is.optional(is.number) }),
);
const clockGuard = is.array(
  is.object({
    traceId: is.string,
    spanId: is.string,
    start: is.number,
    end: is.optional(is.number),
    explicitStart: is.optional(is.boolean),
    explicitEnd: is.optional(is.boolean),
  }),
);

/**
 * How far the span's times and the sandbox's clock may be apart. Both read the same clock in the
 * same synchronous call, but the SDK stamps the start to the millisecond and the sandbox's
 * offset to Unix time is known to the millisecond too.
 */
const TOLERANCE_NS = 3_000_000n;
const msToNs = (ms: number): bigint => BigInt(Math.round(ms * 1e6));

export function workOf(index: RunIndex): readonly WorkReport[] {
  const work = index.data.extras['work'];
  return workGuard(work) ? work : [];
}

function clockOf(index: RunIndex, span: SpanRecord): SpanClock | undefined {
  const clocks = index.data.extras['clocks'];
  return clockGuard(clocks) ? clocks.find((c) => c.spanId === span.spanId && c.traceId === span.traceId) : undefined;
}

const label = (span: SpanRecord) => `span ${code(span.name)}`;

function activeDescription(index: RunIndex, report: WorkReport): string {
  if (!report.spanId || !report.traceId) return 'no span was active';
  const active = index.lookup(report.traceId, report.spanId);
  return active ? `${label(active)} was active` : 'a span that was not recorded was active';
}

/** How a span that wraps a helper's work may relate to it. */
export interface WrapOptions {
  /**
   * The span must be the active one while the work runs (default). With `false`, the work may
   * run in the context the span was started in (its parent active), as for a span started with
   * `startSpan` around work that starts no spans of its own; it must still last as long as it.
   */
  active?: boolean;
}

function timingProblem(span: SpanRecord, operation: string, work: WorkReport): string | undefined {
  const subject = sentence(label(span));
  const start = startOf(span);
  const end = endOf(span);
  if (msToNs(work.start) + TOLERANCE_NS < start) {
    return `${subject} started ${duration(start - msToNs(work.start))} after the ${code(operation)} it wraps began: the span should start before its work does.`;
  }
  if (work.end === undefined) return `The ${code(operation)} that ${label(span)} wraps never finished.`;
  if (end + TOLERANCE_NS < msToNs(work.end)) {
    return `${subject} ended ${duration(msToNs(work.end) - end)} before the ${code(operation)} it wraps finished: the span must last as long as its work. Await the work before ending the span (\`return await work()\` inside \`try\`/\`finally\`).`;
  }
  return undefined;
}

/**
 * Why \`span\` does not wrap the helper's \`operation\` (it ran while the span was active, and the
 * span lasted as long as the work), or undefined when it does.
 */
export function wrapsProblem(index: RunIndex, span: SpanRecord, operation: string, options: WrapOptions = {}): string | undefined {
  const reports = workOf(index).filter((w) => w.operation === operation);
  if (reports.length === 0) {
    return `${sentence(label(span))} should wrap the work of ${code(operation)}, but ${code(operation)} never ran: a span with the right name is not enough. Call ${code(`${operation}()`)} inside the span.`;
  }
  const mine = (w: WorkReport) => w.traceId === span.traceId && (w.spanId === span.spanId || (options.active === false && w.spanId !== undefined && w.spanId === span.parentSpanId));
  const inside = reports.filter(mine);
  if (inside.length === 0) {
    const where = options.active === false ? `${label(span)} or the span it was started in` : label(span);
    return `${code(operation)} ran while ${activeDescription(index, reports[0]!)}, not ${where}: the span was not active while its work ran. Start it with \`tracer.startActiveSpan(name, async (span) => { ... })\`, or run the work inside \`context.with(trace.setSpan(context.active(), span), ...)\`.`;
  }
  if (options.active === false) {
    const problems = inside.map((w) => timingProblem(span, operation, w));
    return problems.includes(undefined) ? undefined : problems[0];
  }
  return inside.map((w) => timingProblem(span, operation, w)).find((p) => p !== undefined);
}

/** Why `parent` does not cover its ended children in time, or undefined when it does. */
export function coversChildrenProblem(index: RunIndex, parent: SpanRecord): string | undefined {
  const start = startOf(parent);
  const end = endOf(parent);
  for (const child of index.childrenOf(parent)) {
    const childEnd = endOf(child);
    if (childEnd > end + TOLERANCE_NS) {
      return `${sentence(label(parent))} ended ${duration(childEnd - end)} before its child ${code(child.name)} did: a parent must last until the work inside it is done. The work was most likely not awaited: in \`try { return work(); } finally { span.end(); }\` the span ends as soon as the promise is returned; write \`return await work();\`.`;
    }
    if (startOf(child) + TOLERANCE_NS < start) {
      return `${sentence(label(child))} started ${duration(start - startOf(child))} before its parent ${code(parent.name)}: a child cannot start before its parent. Was it given its own \`startTime\`?`;
    }
  }
  return undefined;
}

/**
 * Why `span`'s times are not the SDK's own (the program passed `startTime` or `end(time)`, or
 * started or ended it around the tracer's API, as the harness saw), or undefined when they are.
 */
export function ownTimesProblem(index: RunIndex, span: SpanRecord): string | undefined {
  const clock = clockOf(index, span);
  if (!clock || !(clock.explicitStart || clock.explicitEnd)) return undefined;
  const trick = 'This exercise does not ask for explicit times: `startSpan(name, { startTime })` and `span.end(time)` let a span claim work it never wrapped. Start the span when its work starts and call `span.end()` without a time when it is done.';
  const what = clock.explicitStart && clock.explicitEnd ? 'its start time (`startTime`) and its end time (`span.end(time)`)' : clock.explicitStart ? 'its start time (`startTime`)' : 'its end time (`span.end(time)`)';
  return `${sentence(label(span))} was given ${what} by the program. ${trick}`;
}
