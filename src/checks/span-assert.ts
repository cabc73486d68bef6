import type { AttributeValue, SpanKindName, SpanRecord, StatusCodeName } from '../../sandboxes/wire/span-record.ts';
import type { CheckState } from './check-state.ts';
import { article, code, duration, list, sentence, shortId, stop, typeName, value, valueAgainst } from './format.ts';
import { endOf, startOf, type RunIndex } from './run-data.ts';
import { absentNote, didYouMean, findAll, findOne, noneReason } from './span-finder.ts';
import { hasLink, hasLinkCount, hasLinkToAnotherTrace, type Verdict } from './span-links.ts';
import { ancestorsOf, notChildOf, notDescendantOf, notInSameTrace } from './span-negations.ts';
import { describeTarget, hasOwn as has, matches, matchesPattern, mismatch, sameValue, toQuery, type SpanSelector } from './span-query.ts';
import { rootsNote } from './registration-hints.ts';
import { coversChildrenProblem, ownTimesProblem, wrapsProblem, type WrapOptions } from './work.ts';

/** Attribute types as OpenTelemetry names them. `double` accepts any number: JavaScript cannot tell 2.0 from 2. */
export type AttributeType = 'string' | 'int' | 'double' | 'bool' | 'array';

const TYPE_WORDS: Record<AttributeType, string> = { string: 'a string', int: 'an int', double: 'a double', bool: 'a bool', array: 'an array' };

function hasType(v: unknown, type: AttributeType): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'int':
      return typeof v === 'number' && Number.isInteger(v);
    case 'double':
      return typeof v === 'number';
    case 'bool':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v);
  }
}

const sortedKeys = (attributes: object): string[] => Object.keys(attributes).sort();
const textMatches = (actual: string | undefined, expected: string | RegExp): boolean =>
  actual !== undefined && (typeof expected === 'string' ? actual === expected : matchesPattern(actual, expected));
const expectedText = (expected: string | RegExp): string => (typeof expected === 'string' ? value(expected) : `matching ${value(expected)}`);

/** What an exception must look like for `hasException`; either part may be left out. */
export interface ExpectedException {
  /** `exception.type`: the error's class name, e.g. `PaymentDeclined`. */
  type?: string;
  /** `exception.message`, exactly or as a pattern. */
  message?: string | RegExp;
}

/**
 * Assertions about one ended span. Each returns the same object, so a check can chain them:
 * `span('charge payment').isChildOf('processCheckout').hasStatus('ERROR')`.
 */
export class SpanAssert {
  /** The span's record, for conditions the assertions do not cover. */
  readonly record: SpanRecord;
  private readonly index: RunIndex;
  private readonly state: CheckState;
  /** How messages name this span: "span `x`", or "span `x` (2 of 3)" inside `each`. */
  private readonly label: string;

  constructor(record: SpanRecord, index: RunIndex, state: CheckState, label = `span ${code(record.name)}`) {
    this.record = record;
    this.index = index;
    this.state = state;
    this.label = label;
  }

  get name(): string {
    return this.record.name;
  }

  private get subject(): string {
    return sentence(this.label);
  }

  private expect(ok: boolean, message: () => string): this {
    this.state.expect(ok, message);
    return this;
  }

  // --- relations -------------------------------------------------------------------------

  /** Its parent is a span that matches `parent` (a name or a query). */
  isChildOf(parent: SpanSelector): this {
    const query = toQuery(parent);
    const actual = this.index.parentOf(this.record);
    return this.expect(actual !== undefined && matches(query, actual), () => {
      const target = describeTarget(query);
      let found: string;
      if (!this.record.parentSpanId) found = 'it is a root span (it has no parent)';
      else if (!actual) found = `its parent (span id ${shortId(this.record.parentSpanId)}) was not recorded`;
      else {
        const why = mismatch(query, actual) ?? '';
        found = why.startsWith('is named ') ? `its parent is ${code(actual.name)}` : `its parent ${code(actual.name)} ${why}`;
      }
      return `${this.subject} should be a child of ${target}, but ${found}.${absentNote(this.index, query)}${this.record.parentSpanId ? '' : rootsNote(this.index)}`;
    });
  }

  /** It has no parent. */
  isRoot(): this {
    return this.expect(!this.record.parentSpanId, () => {
      const parent = this.index.parentOf(this.record);
      const found = parent ? `its parent is ${code(parent.name)}` : `it has a parent that was not recorded (span id ${shortId(this.record.parentSpanId ?? '')})`;
      return `${this.subject} should be a root span (without a parent), but ${found}.`;
    });
  }

  /** Its parent, or its parent's parent, and so on, matches `ancestor`. */
  isDescendantOf(ancestor: SpanSelector): this {
    const query = toQuery(ancestor);
    const path = ancestorsOf(this.index, this.record);
    return this.expect(
      path.spans.some((span) => matches(query, span)),
      () => {
        if (!this.record.parentSpanId) return `${this.subject} should be a descendant of ${describeTarget(query)}, but it is a root span.${absentNote(this.index, query)}`;
        const names = [...(path.broken ? [path.broken === 'loop' ? '(parents that form a loop)' : '(a parent that was not recorded)'] : []), ...path.spans.map((s) => code(s.name)).reverse(), code(this.record.name)];
        return `${this.subject} should be a descendant of ${describeTarget(query)} (its child, grandchild or further down), but its path from the root is ${names.join(' > ')}.${absentNote(this.index, query)}`;
      },
    );
  }

  /** One of its ended children matches `child`. */
  hasChild(child: SpanSelector): this {
    const query = toQuery(child);
    const children = this.index.childrenOf(this.record);
    return this.expect(
      children.some((span) => matches(query, span)),
      () => {
        const target = describeTarget(query);
        const wanted = target.startsWith('`') ? `a child ${target}` : `a child that is ${target}`;
        const unfinished = this.index.data.unfinished.filter((s) => s.traceId === this.record.traceId && s.parentSpanId === this.record.spanId && matches(query, s));
        if (unfinished.length) return `${this.subject} should have ${wanted}, but its child ${code(unfinished[0]!.name)} was started but never ended.`;
        const found = children.length ? `its children are ${list([...new Set(children.map((s) => s.name))].map(code))}` : 'it has no children';
        return `${this.subject} should have ${wanted}, but ${found}.${absentNote(this.index, query)}`;
      },
    );
  }

  /** It has the trace id of a span that matches `other`. */
  isInSameTraceAs(other: SpanSelector): this {
    const query = toQuery(other);
    const others = findAll(this.index, query);
    return this.expect(
      others.some((span) => span.traceId === this.record.traceId),
      () => {
        const target = describeTarget(query);
        if (!others.length) return `${this.subject} should be in the same trace as ${target}, but ${noneReason(this.index, query)}.`;
        const traces = [...new Set(others.map((s) => s.traceId))].map((id) => `${shortId(id)}`);
        return `${this.subject} should be in the same trace as ${target}, but it is in trace ${shortId(this.record.traceId)} and ${target} is in trace ${list(traces)}.`;
      },
    );
  }

  /** It has a different trace id from every span that matches `other` (and at least one does, so the check can fail). */
  isNotInSameTraceAs(other: SpanSelector): this {
    return this.verdict(notInSameTrace(this.index, this.record, this.subject, toQuery(other)));
  }

  /** Its parent is not a span that matches `parent` (a root passes). */
  isNotChildOf(parent: SpanSelector): this {
    return this.verdict(notChildOf(this.index, this.record, this.subject, toQuery(parent)));
  }

  /** No span on its path to the root matches `ancestor`. */
  isNotDescendantOf(ancestor: SpanSelector): this {
    return this.verdict(notDescendantOf(this.index, this.record, this.subject, toQuery(ancestor)));
  }

  // --- links ---------------------------------------------------------------------------------

  /**
   * It has a link; to a recorded span that matches `target` (in any trace), and with these link
   * `attributes`, when given.
   */
  hasLink(target?: SpanSelector, attributes?: Readonly<Record<string, AttributeValue>>): this {
    return this.verdict(hasLink(this.index, this.record, this.subject, target === undefined ? undefined : toQuery(target), attributes));
  }

  /** It has exactly `n` links (0: none). */
  hasLinkCount(n: number): this {
    return this.verdict(hasLinkCount(this.record, this.subject, n));
  }

  /** It links to a span in another trace than its own; to one that matches `target`, when given. */
  hasLinkToAnotherTrace(target?: SpanSelector): this {
    return this.verdict(hasLinkToAnotherTrace(this.index, this.record, this.subject, target === undefined ? undefined : toQuery(target)));
  }

  private verdict({ ok, message }: Verdict): this {
    return this.expect(ok, message);
  }

  // --- attributes --------------------------------------------------------------------------

  /** The attribute exists, and when `expected` is given, equals it (or matches it, for a RegExp). */
  hasAttribute(key: string, expected?: AttributeValue | RegExp): this {
    const { attributes } = this.record;
    this.expect(has(attributes, key), () => {
      const wanted = expected === undefined ? `the attribute ${code(key)}` : expected instanceof RegExp ? `${code(key)} matching ${value(expected)}` : `${code(key)} = ${value(expected)}`;
      return `${this.subject} should have ${wanted}, but ${this.missingAttribute(key)}.`;
    });
    if (expected === undefined) return this;
    return this.expect(sameValue(attributes[key], expected), () => {
      const wanted = expected instanceof RegExp ? `${code(key)} matching ${value(expected)}` : `${code(key)} = ${value(expected)}`;
      return `${this.subject} should have ${wanted}, but it has ${code(key)} = ${valueAgainst(attributes[key], expected)}.`;
    });
  }

  /** The attribute exists and has this type. */
  hasAttributeOfType(key: string, type: AttributeType): this {
    const { attributes } = this.record;
    this.expect(has(attributes, key), () => `${this.subject} should have the attribute ${code(key)} (${TYPE_WORDS[type]}), but ${this.missingAttribute(key)}.`);
    return this.expect(
      hasType(attributes[key], type),
      () => `${this.subject} should have ${code(key)} as ${TYPE_WORDS[type]}, but it has ${code(key)} = ${value(attributes[key])} (${typeName(attributes[key])}).`,
    );
  }

  /** The attribute is absent (for data that must not be recorded). */
  hasNoAttribute(key: string): this {
    const { attributes } = this.record;
    return this.expect(!has(attributes, key), () => `${this.subject} should not have the attribute ${code(key)}, but it has ${code(key)} = ${value(attributes[key])}.`);
  }

  private missingAttribute(key: string): string {
    const keys = sortedKeys(this.record.attributes);
    if (!keys.length) return 'it has no attributes';
    return `${stop(`it does not${didYouMean(key, keys)}`)} Its attributes are ${list(keys.map(code))}`;
  }

  // --- status, events, kind ----------------------------------------------------------------

  /** Its status code, and when `message` is given, its status message (exactly, or matching a RegExp). */
  hasStatus(status: StatusCodeName, message?: string | RegExp): this {
    const actual = this.record.status;
    this.expect(actual.code === status, () => {
      const detail = actual.message ? ` (${value(actual.message)})` : '';
      return `${this.subject} should have status ${status}, but its status is ${actual.code}${detail}.`;
    });
    if (message === undefined) return this;
    return this.expect(textMatches(actual.message, message), () => {
      const found = actual.message ? `its status message is ${value(actual.message)}` : 'it has no status message';
      return `${this.subject} should have the status message ${expectedText(message)}, but ${found}.`;
    });
  }

  /** It has an event of this name, and when `attributes` are given, one with these attributes. */
  hasEvent(name: string, attributes?: Readonly<Record<string, AttributeValue>>): this {
    const events = this.record.events.filter((e) => e.name === name);
    this.expect(events.length > 0, () => `${this.subject} should have an event ${code(name)}, but ${this.eventsFound(name)}.`);
    if (!attributes) return this;
    const entries = Object.entries(attributes);
    const fits = (e: (typeof events)[number]) => entries.every(([key, v]) => has(e.attributes, key) && sameValue(e.attributes[key], v));
    return this.expect(events.some(fits), () => {
      const details = list(entries.map(([key, v]) => `${code(key)} = ${value(v)}`), entries.length);
      const first = events[0]!;
      const [key, expected] = entries.find(([k, v]) => !has(first.attributes, k) || !sameValue(first.attributes[k], v))!;
      const found = has(first.attributes, key) ? `has ${code(key)} = ${valueAgainst(first.attributes[key], expected)}` : `has no attribute ${code(key)}`;
      return `${this.subject} should have an event ${code(name)} with ${details}, but its ${code(name)} event ${found}.`;
    });
  }

  private eventsFound(wanted: string): string {
    const names = [...new Set(this.record.events.map((e) => e.name))];
    return names.length ? `${stop(`it has none${didYouMean(wanted, names)}`)} Its events are ${list(names.map(code))}` : 'it has no events';
  }

  /**
   * It recorded an exception: an `exception` event, which `span.recordException(error)` adds,
   * optionally of a type and with a message.
   */
  hasException(expected: ExpectedException = {}): this {
    const exceptions = this.record.events.filter((e) => e.name === 'exception');
    const what = `an exception${expected.type !== undefined ? ` of type ${code(expected.type)}` : ''}${expected.message !== undefined ? ` with the message ${expectedText(expected.message)}` : ''}`;
    this.expect(exceptions.length > 0, () => `${this.subject} should have recorded ${what} (an ${code('exception')} event), but ${this.eventsFound('exception')}.`);
    const typeOf = (e: (typeof exceptions)[number]) => e.attributes['exception.type'];
    const ofType = expected.type === undefined ? exceptions : exceptions.filter((e) => typeOf(e) === expected.type);
    this.expect(ofType.length > 0, () => {
      const types = [...new Set(exceptions.map(typeOf))];
      if (types.length === 1 && types[0] === undefined) return `${this.subject} should have recorded ${what}, but the exception recorded has no ${code('exception.type')}.`;
      const names = types.map((t) => (t === undefined ? 'none' : code(String(t))));
      return `${this.subject} should have recorded ${what}, but ${names.length === 1 ? `the exception recorded is of type ${names[0]}` : `the exceptions recorded are of types ${list(names)}`}.`;
    });
    if (expected.message === undefined) return this;
    const message = expected.message;
    const messageOf = (e: (typeof exceptions)[number]) => e.attributes['exception.message'];
    return this.expect(
      ofType.some((e) => { const m = messageOf(e); return typeof m === 'string' && textMatches(m, message); }),
      () => {
        const found = messageOf(ofType[0]!);
        return `${this.subject} should have recorded ${what}, but ${found === undefined ? 'the exception has no message' : `the exception's message is ${value(found)}`}.`;
      },
    );
  }

  hasKind(kind: SpanKindName): this {
    return this.expect(this.record.kind === kind, () => `${this.subject} should be ${article(kind)} ${kind} span, but it is ${article(this.record.kind)} ${this.record.kind} span.`);
  }

  // --- time ----------------------------------------------------------------------------------
  // Comparisons between two spans allow CLOCK_RESOLUTION: the SDK stamps a span's start with
  // Date.now(), to the millisecond, and measures its duration precisely from there, so two
  // spans' times can be up to 1 ms off from each other (one span's own duration is exact).

  /** It started before the one span that matches `other`. */
  startsBefore(other: SpanSelector): this {
    const query = toQuery(other);
    const them = findOne(this.index, query);
    const mine = startOf(this.record);
    const theirs = startOf(them);
    return this.expect(mine < theirs + CLOCK_RESOLUTION, () => {
      const found = mine === theirs ? 'it started at the same time' : `it started ${duration(mine - theirs)} after it`;
      return `${this.subject} should start before ${describeTarget(query)}, but ${found}.`;
    });
  }

  /** It started after the one span that matches `other` started. */
  startsAfter(other: SpanSelector): this {
    const query = toQuery(other);
    const them = findOne(this.index, query);
    const mine = startOf(this.record);
    const theirs = startOf(them);
    return this.expect(mine + CLOCK_RESOLUTION > theirs, () => {
      const found = mine === theirs ? 'it started at the same time' : `it started ${duration(theirs - mine)} before it`;
      return `${this.subject} should start after ${describeTarget(query)}, but ${found}.`;
    });
  }

  /** It started once the one span that matches `other` had ended: they ran one after the other. */
  startsAfterEndOf(other: SpanSelector): this {
    const query = toQuery(other);
    const them = findOne(this.index, query);
    const mine = startOf(this.record);
    const theirEnd = endOf(them);
    return this.expect(mine + CLOCK_RESOLUTION >= theirEnd, () => {
      const target = describeTarget(query);
      return `${this.subject} should start after ${target} has ended, but it started ${duration(theirEnd - mine)} before ${target} ended.`;
    });
  }

  /** Its duration (end - start) is at least `ms` milliseconds. */
  lastsAtLeast(ms: number): this {
    const limit = millisToNanos(ms);
    const lasted = this.duration();
    return this.expect(lasted >= limit, () => `${this.subject} should last at least ${duration(limit)}, but it lasted ${duration(lasted)}.`);
  }

  /** Its duration (end - start) is at most `ms` milliseconds. */
  lastsAtMost(ms: number): this {
    const limit = millisToNanos(ms);
    const lasted = this.duration();
    return this.expect(lasted <= limit, () => `${this.subject} should last at most ${duration(limit)}, but it lasted ${duration(lasted)}.`);
  }

  // --- the work the program really did (reported by the exercise's helpers and the sandbox) ---

  /** The helper's `operation` ran while this span was active, and the span lasted as long as it. */
  wraps(operation: string, options?: WrapOptions): this {
    const problem = wrapsProblem(this.index, this.record, operation, options);
    return this.expect(problem === undefined, () => problem!);
  }

  /** It started before and ended after each of its ended children. */
  coversChildren(): this {
    const problem = coversChildrenProblem(this.index, this.record);
    return this.expect(problem === undefined, () => problem!);
  }

  /** Its start and end are the moments the sandbox saw it start and end: no `startTime`, no `end(time)`. */
  isTimedBySdk(): this {
    const problem = ownTimesProblem(this.index, this.record);
    return this.expect(problem === undefined, () => problem!);
  }

  private duration(): bigint {
    return endOf(this.record) - startOf(this.record);
  }
}

/** How far apart two spans' clocks can be: the millisecond of `Date.now()` (in nanoseconds). */
const CLOCK_RESOLUTION = 1_000_000n;

function millisToNanos(ms: number): bigint {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`A duration must be a number of milliseconds >= 0, not ${ms}.`);
  return BigInt(Math.round(ms * 1e6));
}
