import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { CheckState } from './check-state.ts';
import { fail, isCheckFailure } from './failure.ts';
import { code } from './format.ts';
import type { RunIndex } from './run-data.ts';
import { SpanAssert } from './span-assert.ts';
import { END_ADVICE, findAll, findOne, noneReason, unfinishedMessage } from './span-finder.ts';
import { describe, matches, toQuery, type SpanQuery, type SpanSelector } from './span-query.ts';

/** The spans a selector finds, with counts and a way to assert on each one. */
export class SpanSet {
  /** The matching ended spans, by start time. */
  readonly records: readonly SpanRecord[];
  private readonly query: SpanQuery;
  private readonly index: RunIndex;
  private readonly state: CheckState;

  constructor(selector: SpanSelector, index: RunIndex, state: CheckState) {
    this.query = toQuery(selector);
    this.index = index;
    this.state = state;
    this.records = findAll(index, this.query);
  }

  get length(): number {
    return this.records.length;
  }

  /** Exactly `n` ended spans match. */
  count(n: number): this {
    return this.expectCount(this.length === n, 'Expected', n);
  }

  /** At least `n` ended spans match. */
  atLeast(n: number): this {
    return this.expectCount(this.length >= n, 'Expected at least', n);
  }

  /** At most `n` ended spans match. */
  atMost(n: number): this {
    return this.expectCount(this.length <= n, 'Expected at most', n);
  }

  private expectCount(ok: boolean, lead: string, n: number): this {
    this.state.expect(ok, () => {
      // "Expected no spans", "Expected one span", but "Expected at least 1 span".
      const wanted = lead === 'Expected' ? `${lead} ${describe(this.query, n)}` : `${lead} ${describe(this.query, n).replace(/^(no|one) /, `${n} `)}`;
      const unfinished = this.index.data.unfinished.filter((s) => matches(this.query, s)).length;
      const never = `${unfinished === 1 ? 'was' : 'were'} started but never ended`;
      if (this.length === 0) return `${wanted}, but ${unfinished ? `none was ended: ${unfinished} ${never}. ${END_ADVICE}` : `${noneReason(this.index, this.query)}.`}`;
      return `${wanted}, but found ${this.length}${unfinished ? `; ${unfinished} more ${never}` : ''}.`;
    });
    return this;
  }

  /** The one matching span; fails unless exactly one matches. */
  one(): SpanAssert {
    this.state.assertions += 1;
    return new SpanAssert(findOne(this.index, this.query), this.index, this.state);
  }

  /** Runs `assertions` on every matching span; fails when none matches. */
  each(assertions: (span: SpanAssert) => unknown): this {
    this.state.expect(this.length > 0, () => noneMessage(this.index, this.query));
    this.records.forEach((record, i) => assertions(new SpanAssert(record, this.index, this.state, this.label(record, i))));
    return this;
  }

  /**
   * Passes when `assertions` hold for at least one matching span (a retried call, one of which
   * must succeed); otherwise fails with what went wrong for the first.
   */
  some(assertions: (span: SpanAssert) => unknown): this {
    this.state.expect(this.length > 0, () => noneMessage(this.index, this.query));
    let first: string | undefined;
    for (const [i, record] of this.records.entries()) {
      const trial = new CheckState();
      try {
        assertions(new SpanAssert(record, this.index, trial, this.label(record, i)));
        this.state.assertions += trial.assertions;
        return this;
      } catch (error) {
        if (!isCheckFailure(error)) throw error;
        first ??= error.message;
      }
    }
    return fail(this.length === 1 ? first! : `None of the ${describe(this.query, this.length)} passes this check. For the first: ${first!}`);
  }

  private label(record: SpanRecord, i: number): string {
    return this.length > 1 ? `span ${code(record.name)} (${i + 1} of ${this.length})` : `span ${code(record.name)}`;
  }
}

/** "Span `x` was started but never ended", or "Expected a span named `x`, but there is none ...". */
function noneMessage(index: RunIndex, query: SpanQuery): string {
  const unfinished = index.data.unfinished.filter((s) => matches(query, s));
  return unfinished.length ? unfinishedMessage(unfinished) : `Expected ${describe(query)}, but ${noneReason(index, query)}.`;
}

