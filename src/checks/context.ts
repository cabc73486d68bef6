import type { CheckState } from './check-state.ts';
import { fail } from './failure.ts';
import { code, list, plural, shortId } from './format.ts';
import type { Guard } from './extras.ts';
import { OutputAssert } from './output.ts';
import type { Extras, RunData, RunIndex } from './run-data.ts';
import { byStart } from './run-data.ts';
import { samplingVerdict, type SamplingExpectation } from './sampling.ts';
import { SpanAssert } from './span-assert.ts';
import { findOne, unfinishedMessage } from './span-finder.ts';
import { toQuery, type SpanSelector } from './span-query.ts';
import { SpanSet } from './span-set.ts';
import { parseTraceparent, TraceparentAssert } from './traceparent.ts';
import { NO_PROPAGATOR_HINT, NO_PROVIDER_HINT, rootsNote } from './registration-hints.ts';
import { findRequest, type CapturedRequest, type RequestTarget } from './requests.ts';
import { coversChildrenProblem, ownTimesProblem } from './work.ts';

/** Trace membership of the ended spans. */
export interface TraceAssert {
  /** Distinct trace ids, in order of each trace's first start. */
  readonly ids: readonly string[];
  /** All ended spans are in one trace. */
  hasSingleTraceId(): void;
  /** The ended spans are in exactly `n` traces. */
  count(n: number): void;
}

/** What a check function receives. Every member can be destructured: `({ span, output }) => ...`. */
export interface CheckContext {
  /** The one ended span that matches (a name or a query); fails when there is not exactly one. */
  span(selector: SpanSelector): SpanAssert;
  /** The ended spans that match (all of them without a selector). */
  spans(selector?: SpanSelector): SpanSet;
  /** Every span that was started was also ended. */
  allSpansEnded(): void;
  readonly trace: TraceAssert;
  /** The program's console output. */
  readonly output: OutputAssert;
  /** Validates a W3C traceparent value; `label` names it in messages (default "the traceparent header"). */
  traceparent(value: unknown, label?: string): TraceparentAssert;
  /** Every ended span started before and ended after each of its ended children. */
  parentsCoverChildren(): void;
  /** No ended span was given its times by the program (`startTime`, `end(time)`). */
  spansTimedBySdk(): void;
  /** A request the program really sent to a sandbox service (`service`, and optionally method and path). */
  request(target: RequestTarget): CapturedRequest;
  /**
   * The value of the scenario's input `name` in this run (`input()` of `@course/sandbox`), or
   * `fallback` when the scenario did not report it: grade against it, not a fixed value, so the
   * check holds in the hidden run too.
   */
  input<T>(name: string, fallback: T): T;
  /** The number of traces kept is consistent with a ratio sampler at `expected`. */
  samplingRatio(expectation: SamplingExpectation): void;
  /** Data the harness captured besides spans, unchecked. */
  readonly extras: Extras;
  /** One extra, narrowed by `guard`; a missing or malformed extra makes the check an error, not a failure. */
  extra<T>(key: string, guard: Guard<T>): T;
  /** Fails with `message` unless `condition` holds. */
  assert(condition: unknown, message: string): void;
  /** Fails with `message`. */
  fail(message: string): never;
  /** The raw run data. */
  readonly run: RunData;
}

function traceAssert(index: RunIndex, state: CheckState): TraceAssert {
  const describeTraces = (ids: readonly string[]): string => {
    const spansOf = (id: string) => [...new Set(byStart(index.data.spans.filter((s) => s.traceId === id)).map((s) => code(s.name)))];
    const shown = ids.slice(0, 3).map((id) => `trace ${shortId(id)} has ${list(spansOf(id))}`);
    return `${shown.join('; ')}${ids.length > 3 ? `; and ${plural(ids.length - 3, 'more trace')}` : ''}`;
  };
  return {
    get ids() {
      return index.traceIds();
    },
    hasSingleTraceId() {
      const ids = index.traceIds();
      state.expect(ids.length === 1, () =>
        ids.length === 0
          ? `All spans should share one trace id, but no spans were recorded. ${NO_PROVIDER_HINT}`
          : `All spans should share one trace id, but they are in ${ids.length} traces: ${describeTraces(ids)}.${rootsNote(index)}`,
      );
    },
    count(n: number) {
      const ids = index.traceIds();
      state.expect(ids.length === n, () => {
        const wanted = `Expected ${n === 0 ? 'no' : n === 1 ? 'one' : n} trace${n === 1 ? '' : 's'}`;
        return ids.length === 0 ? `${wanted}, but no spans were recorded. ${NO_PROVIDER_HINT}` : `${wanted}, but the spans are in ${plural(ids.length, 'trace')}: ${describeTraces(ids)}.${rootsNote(index)}`;
      });
    },
  };
}

/** A fresh context for one check over a shared index. */
export function createContext(index: RunIndex, state: CheckState): CheckContext {
  const { data } = index;
  let output: OutputAssert | undefined;
  return {
    span: (selector) => {
      state.assertions += 1;
      return new SpanAssert(findOne(index, toQuery(selector)), index, state);
    },
    spans: (selector = {}) => new SpanSet(selector, index, state),
    allSpansEnded: () => state.expect(data.unfinished.length === 0, () => unfinishedMessage(data.unfinished)),
    trace: traceAssert(index, state),
    get output() {
      state.readOutput = true;
      output ??= new OutputAssert(data.console, state);
      return output;
    },
    traceparent: (value, label = 'the traceparent header') => {
      const parsed = parseTraceparent(value, label);
      state.assertions += 1;
      if (!parsed.valid) return fail(value === undefined || value === null ? `${parsed.problem} ${NO_PROPAGATOR_HINT}` : parsed.problem);
      return new TraceparentAssert(parsed.traceparent, label, index, state);
    },
    parentsCoverChildren: () => {
      const problem = data.spans.map((s) => coversChildrenProblem(index, s)).find((p) => p !== undefined);
      state.expect(problem === undefined, () => problem!);
    },
    spansTimedBySdk: () => {
      const problem = data.spans.map((s) => ownTimesProblem(index, s)).find((p) => p !== undefined);
      state.expect(problem === undefined, () => problem!);
    },
    request: (target) => {
      state.assertions += 1;
      return findRequest(data.extras, target);
    },
    input: <T>(name: string, fallback: T): T => {
      const inputs = data.extras['inputs'];
      return typeof inputs === 'object' && inputs !== null && Object.prototype.hasOwnProperty.call(inputs, name) ? ((inputs as Record<string, unknown>)[name] as T) : fallback;
    },
    samplingRatio: ({ expected, total, kept, sigmas }) => {
      const verdict = samplingVerdict(kept ?? index.traceIds().length, total, expected, sigmas);
      state.expect(verdict.ok, () => verdict.message);
    },
    extras: data.extras,
    extra: <T>(key: string, guard: Guard<T>): T => {
      if (!Object.prototype.hasOwnProperty.call(data.extras, key)) throw new Error(`This check needs ${code(key)} from the run, but the run did not capture it.`);
      const v = data.extras[key];
      if (!guard(v)) throw new Error(`The run's ${code(key)} does not have the shape this check expects.`);
      return v;
    },
    assert: (condition, message) => state.expect(Boolean(condition), () => message),
    fail: (message) => {
      state.assertions += 1;
      return fail(message);
    },
    run: data,
  };
}
