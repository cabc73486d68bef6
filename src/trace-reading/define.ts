/**
 * What a trace-reading exercise's `checks.ts` writes: the trace the learner reads and the
 * questions about it. A question's answer is a span selected in the viewer, a number, or a set
 * of spans; the expected answer is a rule computed from the trace (`bottleneck`, `critical-path`...)
 * or named spans. Types and validation only, so that `#checks` stays light; grading is in
 * grade.ts.
 */
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { resolveSpanRef } from './span-ref.ts';

/** A span of the exercise's trace: its span id, or its name when no other span has that name. */
export type SpanRef = string;

/** A wrong answer the instructor expects, with what to say about it. */
export interface Mistake {
  /** A span (span questions), a number (within the question's tolerance) or spans (span sets, as a set). */
  answer: SpanRef | number | readonly SpanRef[];
  message: string;
}

interface QuestionBase {
  /** The key of the answer in answers.yaml (lowercase with hyphens). */
  id: string;
  /** The question as the learner reads it (Markdown inline: `code`, **bold**). */
  ask: string;
  /** The check's title in the `Checks` list: what is true when the answer is right. */
  check: string;
  /** Known wrong answers and what they teach; checked before the rule's own explanations. */
  mistakes?: readonly Mistake[];
}

/**
 * - `bottleneck`: the span with the most self time (its duration minus the time its children cover);
 * - `error-origin`: the error where the failure started: follow error spans down from the first
 *   error to the deepest one that has no error below it;
 * - `largest-gap`: the span that holds the longest stretch with none of its children running;
 * - `{ span }`: a span named by the instructor.
 */
export type SpanRule = { rule: 'bottleneck' | 'error-origin' | 'largest-gap' } | { span: SpanRef; why?: string };

/** In milliseconds: a span's self time or duration, the largest gap, or a fixed value. */
export type NumberRule = { selfTimeOf: SpanRef } | { durationOf: SpanRef } | { rule: 'largest-gap' } | { value: number; why?: string };

/** `critical-path`: the spans the viewer marks as on the critical path; or spans named by the instructor. */
export type SpanSetRule = { rule: 'critical-path' } | { spans: readonly SpanRef[]; why?: string };

export interface SpanQuestion extends QuestionBase {
  answer: 'span';
  expect: SpanRule;
}
export interface NumberQuestion extends QuestionBase {
  answer: 'number';
  expect: NumberRule;
  /** How far from the expected value an answer may be, in ms (default 1). */
  tolerance?: number;
}
export interface SpanSetQuestion extends QuestionBase {
  answer: 'spans';
  expect: SpanSetRule;
}
export type Question = SpanQuestion | NumberQuestion | SpanSetQuestion;

export interface TraceReading {
  readonly kind: 'trace-reading';
  /** One trace, every span ended. */
  readonly trace: readonly SpanRecord[];
  readonly questions: readonly Question[];
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function refsOf(question: Question): SpanRef[] {
  const e = question.expect as Record<string, unknown>;
  const refs: unknown[] = [e.span, e.selfTimeOf, e.durationOf, ...((e.spans as unknown[] | undefined) ?? [])];
  for (const m of question.mistakes ?? []) {
    if (question.answer === 'span' && typeof m.answer === 'string') refs.push(m.answer);
    if (question.answer === 'spans' && Array.isArray(m.answer)) refs.push(...(m.answer as unknown[]));
  }
  return refs.filter((r): r is string => typeof r === 'string');
}

/**
 * The default export of a trace-reading exercise's `checks.ts`. Throws, naming the question,
 * when the trace or a question cannot be graded (so `check:content` reports it).
 */
export function defineTraceReading(definition: { trace: readonly SpanRecord[]; questions: readonly Question[] }): TraceReading {
  const { trace, questions } = definition;
  if (!Array.isArray(trace) || trace.length === 0) throw new Error('defineTraceReading: `trace` needs at least one span.');
  const traceIds = new Set(trace.map((s) => s.traceId));
  if (traceIds.size !== 1) throw new Error(`defineTraceReading: \`trace\` must be one trace; it has ${traceIds.size} trace ids.`);
  const unended = trace.find((s) => s.endTimeUnixNano === undefined);
  if (unended) throw new Error(`defineTraceReading: span \`${unended.name}\` has no end time; every span of the trace must be ended.`);
  if (!Array.isArray(questions) || questions.length === 0) throw new Error('defineTraceReading: give at least one question.');
  const ids = new Set<string>();
  const titles = new Set<string>();
  questions.forEach((q, i) => {
    const where = `question ${i + 1}${typeof q?.id === 'string' ? ` (${q.id})` : ''}`;
    if (typeof q?.id !== 'string' || !ID.test(q.id)) throw new Error(`defineTraceReading: ${where}: \`id\` must be lowercase letters, digits and hyphens.`);
    if (ids.has(q.id)) throw new Error(`defineTraceReading: two questions have the id "${q.id}".`);
    if (!['span', 'number', 'spans'].includes(q.answer)) throw new Error(`defineTraceReading: ${where}: \`answer\` must be 'span', 'number' or 'spans'.`);
    if (typeof q.ask !== 'string' || q.ask.length < 5) throw new Error(`defineTraceReading: ${where}: \`ask\` is the question the learner reads.`);
    if (typeof q.check !== 'string' || q.check.length < 3) throw new Error(`defineTraceReading: ${where}: \`check\` is the title of its check.`);
    if (titles.has(q.check)) throw new Error(`defineTraceReading: two questions have the check title "${q.check}"; titles must be unique.`);
    if (typeof q.expect !== 'object' || q.expect === null) throw new Error(`defineTraceReading: ${where}: \`expect\` says what the right answer is.`);
    for (const ref of refsOf(q)) {
      const found = resolveSpanRef(trace, ref);
      if (!found.ok) throw new Error(`defineTraceReading: ${where}: ${found.message}`);
    }
    ids.add(q.id);
    titles.add(q.check);
  });
  return Object.freeze({ kind: 'trace-reading', trace: Object.freeze([...trace]), questions: Object.freeze([...questions]) });
}

export function isTraceReading(value: unknown): value is TraceReading {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'trace-reading';
}
