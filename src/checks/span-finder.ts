import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { fail } from './failure.ts';
import { code, list, plural, stop } from './format.ts';
import { nearMisses } from './near-miss.ts';
import { byStart, type RunIndex } from './run-data.ts';
import { NO_PROVIDER_HINT } from './registration-hints.ts';
import { describe, matches, matchesPattern, mismatch, type SpanQuery } from './span-query.ts';

/**
 * Finding the spans a query means, and saying why none was found: a span that was started but
 * never ended, a span of that name that differs in one respect, a near miss of the name, or
 * the names that do exist.
 */

export const END_ADVICE = 'Call `span.end()` on every path, including when an error is thrown.';

/** Ended spans that match, by start time. */
export function findAll(index: RunIndex, query: SpanQuery): SpanRecord[] {
  return byStart(index.data.spans.filter((span) => matches(query, span)));
}

export function unfinishedMatching(index: RunIndex, query: SpanQuery): SpanRecord[] {
  return byStart(index.data.unfinished.filter((span) => matches(query, span)));
}

/** "Span `x` was started but never ended." or "2 spans were started but never ended: `a` and `b`." */
export function unfinishedMessage(spans: readonly SpanRecord[]): string {
  const first = spans[0];
  if (spans.length === 1 && first) return `Span ${code(first.name)} was started but never ended. ${END_ADVICE}`;
  const names = [...new Set(spans.map((s) => s.name))].map(code);
  return `${spans.length} spans were started but never ended: ${list(names)}. ${END_ADVICE}`;
}

/** "; did you mean `chargePayment`?" or nothing. */
export function didYouMean(wanted: string, candidates: Iterable<string>): string {
  const near = nearMisses(wanted, candidates);
  return near.length ? `; did you mean ${list(near.map(code), 2, 'or')}?` : '';
}

/** Spans whose name fits the query's name (all spans when it has none). */
function sameName(index: RunIndex, query: SpanQuery): SpanRecord[] {
  const { name } = query;
  const fits = (span: SpanRecord) => (name === undefined ? true : typeof name === 'string' ? span.name === name : matchesPattern(span.name, name));
  return byStart(index.data.spans.filter(fits));
}

const recorded = (index: RunIndex): string => `Spans recorded: ${list(index.names().map(code))}`;

/**
 * Why no ended span matches, as the clause after "but" (without the final full stop). Callers
 * check unfinished spans first: "never ended" is the more useful thing to hear.
 */
export function noneReason(index: RunIndex, query: SpanQuery): string {
  if (index.names().length === 0) return `no spans were recorded. ${NO_PROVIDER_HINT.replace(/\.$/, '')}`;
  const candidates = sameName(index, query);
  const first = candidates[0];
  if (query.name !== undefined && first) {
    if (candidates.length === 1) return `span ${code(first.name)} ${mismatch(query, first)}`;
    return `none of the ${describe({ name: query.name }, candidates.length)} matches: the first ${mismatch(query, first)}`;
  }
  if (typeof query.name === 'string') return `${stop(`there is none${didYouMean(query.name, index.names())}`)} ${recorded(index)}`;
  if (query.name !== undefined) return `there is none. ${recorded(index)}`;
  return `none of the ${plural(index.data.spans.length, 'span')} recorded matches. ${recorded(index)}`;
}

/**
 * After a relation failed: " There is no span named `x`; did you mean `y`?" when the other
 * side of the relation does not exist at all, so the learner knows which side to fix.
 */
export function absentNote(index: RunIndex, query: SpanQuery): string {
  const exists = (span: SpanRecord) => matches(query, span);
  if (index.data.spans.some(exists) || index.data.unfinished.some(exists)) return '';
  const onlyName = typeof query.name === 'string' && Object.entries(query).every(([key, v]) => key === 'name' || v === undefined);
  if (onlyName) return ` ${stop(`There is no span named ${code(query.name as string)}${didYouMean(query.name as string, index.names())}`)}`;
  return ` There is no ${describe(query).replace(/^an? /, '')}.`;
}

/** The one ended span that matches, or a failure that says why there is not exactly one. */
export function findOne(index: RunIndex, query: SpanQuery): SpanRecord {
  const found = findAll(index, query);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) return fail(`Expected ${describe(query, 1)}, but found ${found.length}.`);
  const unfinished = unfinishedMatching(index, query);
  if (unfinished.length) return fail(unfinishedMessage(unfinished));
  return fail(`Expected ${describe(query)}, but ${noneReason(index, query)}.`);
}
