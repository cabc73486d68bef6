import type { AttributeValue, SpanKindName, SpanRecord, StatusCodeName } from '../../sandboxes/wire/span-record.ts';
import { article, code, list, value, valueAgainst } from './format.ts';

/** Which spans a check means. Every field given must hold. */
export interface SpanQuery {
  /** The span name, exactly, or a pattern. */
  name?: string | RegExp;
  /** Attributes the span must have, with these values. */
  attributes?: Readonly<Record<string, AttributeValue>>;
  /** An attribute the span must have, whatever its value. */
  hasAttribute?: string;
  kind?: SpanKindName;
  status?: StatusCodeName;
  /** `service.name` of the span's resource. */
  service?: string;
  /** true: only spans without a parent; false: only spans with one. */
  root?: boolean;
  /** Any other condition; give it a `description` for messages. */
  where?: (span: SpanRecord) => boolean;
  /** How messages describe `where`, as a phrase after "a span": "that took longer than 1 s". */
  description?: string;
}

/** A span name, or a query. */
export type SpanSelector = string | SpanQuery;

export const toQuery = (selector: SpanSelector): SpanQuery => (typeof selector === 'string' ? { name: selector } : selector);

/** Whether `text` matches `pattern`, without the state a global RegExp keeps between calls. */
export const matchesPattern = (text: string, pattern: RegExp): boolean => text.search(pattern) >= 0;

/** Attribute equality: scalars by identity, arrays item by item, strings also against a RegExp. */
export function sameValue(actual: unknown, expected: AttributeValue | RegExp): boolean {
  if (expected instanceof RegExp) return typeof actual === 'string' && matchesPattern(actual, expected);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => Object.is(actual[i], item));
  }
  return Object.is(actual, expected);
}

/** Whether the record has the key itself (not `constructor` or `toString` from its prototype). */
export const hasOwn = (attributes: object, key: string): boolean => Object.prototype.hasOwnProperty.call(attributes, key);

/**
 * Why `span` does not match the query, as a phrase with the span as its subject ("has status
 * UNSET"), or undefined when it matches. The first unmet condition wins, in the order below.
 */
export function mismatch(query: SpanQuery, span: SpanRecord): string | undefined {
  const { name } = query;
  if (typeof name === 'string' && span.name !== name) return `is named ${code(span.name)}`;
  if (name instanceof RegExp && !matchesPattern(span.name, name)) return `is named ${code(span.name)}`;
  if (query.root === true && span.parentSpanId) return 'has a parent';
  if (query.root === false && !span.parentSpanId) return 'has no parent';
  if (query.kind !== undefined && span.kind !== query.kind) return `is ${article(span.kind)} ${span.kind} span`;
  if (query.service !== undefined && span.resource['service.name'] !== query.service) {
    const service = span.resource['service.name'];
    return service === undefined ? 'has no `service.name`' : `is from service ${code(String(service))}`;
  }
  if (query.status !== undefined && span.status.code !== query.status) return `has status ${span.status.code}`;
  for (const [key, expected] of Object.entries(query.attributes ?? {})) {
    if (!hasOwn(span.attributes, key)) return `has no attribute ${code(key)}`;
    if (!sameValue(span.attributes[key], expected)) return `has ${code(key)} = ${valueAgainst(span.attributes[key], expected)}`;
  }
  if (query.hasAttribute !== undefined && !hasOwn(span.attributes, query.hasAttribute)) return `has no attribute ${code(query.hasAttribute)}`;
  if (query.where && !query.where(span)) return `is not one ${query.description ?? "that matches the check's condition"}`;
  return undefined;
}

export const matches = (query: SpanQuery, span: SpanRecord): boolean => mismatch(query, span) === undefined;

/**
 * The query in words: "a SERVER span named `x` with `k` = 1", or with a count, "2 spans named
 * `x`", "no spans named `x`".
 */
export function describe(query: SpanQuery, count?: number): string {
  const adjectives = `${query.root === true ? 'root ' : ''}${query.kind ? `${query.kind} ` : ''}`;
  const noun = count === undefined ? `${article(adjectives || 'span')} ${adjectives}span` : `${count === 0 ? 'no' : count === 1 ? 'one' : count} ${adjectives}span${count === 1 ? '' : 's'}`;
  const parts = [noun];
  if (query.root === false) parts.push('with a parent');
  if (typeof query.name === 'string') parts.push(`named ${code(query.name)}`);
  else if (query.name) parts.push(`whose name matches ${value(query.name)}`);
  if (query.service !== undefined) parts.push(`from service ${code(query.service)}`);
  const details = [
    ...Object.entries(query.attributes ?? {}).map(([key, v]) => `${code(key)} = ${value(v)}`),
    ...(query.hasAttribute !== undefined ? [`the attribute ${code(query.hasAttribute)}`] : []),
    ...(query.status !== undefined ? [`status ${query.status}`] : []),
  ];
  if (details.length) parts.push(`with ${list(details, details.length)}`);
  if (query.where) parts.push(query.description ?? "that matches the check's condition");
  return parts.join(' ');
}

/** Only a name: the name in backticks (`processCheckout`); otherwise the full description. */
export function describeTarget(query: SpanQuery): string {
  const onlyName = typeof query.name === 'string' && Object.keys(query).every((key) => key === 'name' || (query as Record<string, unknown>)[key] === undefined);
  return onlyName ? code(query.name as string) : describe(query);
}
