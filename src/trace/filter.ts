/**
 * Span filters for the viewer: which spans of a trace match, in tree order, and which rows to
 * keep when only matches are shown (matches plus their ancestors, so each match keeps its place
 * in the tree). One linear pass each.
 */
import type { SpanNode, TraceView } from './model.ts';
import { parentItem } from './model.ts';
import type { AttributeValue, StatusCodeName } from '../../sandboxes/wire/span-record.ts';

export interface SpanFilter {
  /** Part of the span name, any case. */
  name?: string | undefined;
  /** Exact service name. */
  service?: string | undefined;
  /** `key` (the span has the attribute) or `key=value` (its value, as text, equals `value`, any case). */
  attribute?: string | undefined;
  status?: StatusCodeName | undefined;
  /** Spans at least this long; an unfinished span counts with the time it was seen running. */
  minDurationMs?: number | undefined;
}

export interface AttributeQuery {
  key: string;
  value: string | undefined;
}

export interface FilterMatches {
  /** Item indices of the matching spans, in tree order. */
  order: Int32Array;
  /** Per item index: 1 when the span matches. */
  isMatch: Uint8Array;
}

/** `key=value` or `key`; the first `=` splits, so values may contain `=`. */
export function parseAttributeQuery(text: string): AttributeQuery | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const at = trimmed.indexOf('=');
  if (at === -1) return { key: trimmed, value: undefined };
  const key = trimmed.slice(0, at).trim();
  if (key === '') return undefined;
  return { key, value: trimmed.slice(at + 1).trim() };
}

/** An attribute value as one line of text: arrays as `[a, b]`, null elements as `null`. */
export function attributeText(value: AttributeValue): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === null ? 'null' : String(item))).join(', ')}]`;
  return String(value);
}

export function isFilterActive(filter: SpanFilter): boolean {
  return (
    (filter.name ?? '').trim() !== '' ||
    (filter.service ?? '') !== '' ||
    parseAttributeQuery(filter.attribute ?? '') !== undefined ||
    filter.status !== undefined ||
    (filter.minDurationMs !== undefined && filter.minDurationMs > 0)
  );
}

const lowerNames = new WeakMap<TraceView, string[]>();

/** Lower-case span names by item index, made once per trace: typing a filter re-reads them on every key. */
function lowerCaseNames(trace: TraceView): string[] {
  let names = lowerNames.get(trace);
  if (names === undefined) {
    names = trace.items.map((item) => (item.kind === 'span' ? item.record.name.toLowerCase() : ''));
    lowerNames.set(trace, names);
  }
  return names;
}

/**
 * A predicate for one span, or undefined when the filter asks for nothing. `lowerName` may
 * supply the span's name in lower case (a cache); otherwise it is lowered on each call.
 */
export function spanMatcher(filter: SpanFilter): ((node: SpanNode, lowerName?: string) => boolean) | undefined {
  if (!isFilterActive(filter)) return undefined;
  const name = (filter.name ?? '').trim().toLowerCase();
  const service = filter.service ?? '';
  const attribute = parseAttributeQuery(filter.attribute ?? '');
  const wanted = attribute?.value?.toLowerCase();
  const { status } = filter;
  const minMs = filter.minDurationMs !== undefined && filter.minDurationMs > 0 ? filter.minDurationMs : undefined;

  return (node, lowerName) => {
    if (name !== '' && !(lowerName ?? node.record.name.toLowerCase()).includes(name)) return false;
    if (service !== '' && node.service !== service) return false;
    if (status !== undefined && node.status !== status) return false;
    if (minMs !== undefined && node.endMs - node.startMs < minMs) return false;
    if (attribute !== undefined) {
      const attributes = node.record.attributes;
      if (!Object.hasOwn(attributes, attribute.key)) return false;
      if (wanted !== undefined) {
        const value = attributes[attribute.key]!;
        const matches =
          attributeText(value).toLowerCase() === wanted ||
          (Array.isArray(value) && value.some((item) => String(item).toLowerCase() === wanted));
        if (!matches) return false;
      }
    }
    return true;
  };
}

export function findMatches(trace: TraceView, filter: SpanFilter): FilterMatches {
  const isMatch = new Uint8Array(trace.items.length);
  const matcher = spanMatcher(filter);
  if (matcher === undefined) return { order: new Int32Array(0), isMatch };
  const order: number[] = [];
  const names = (filter.name ?? '').trim() !== '' ? lowerCaseNames(trace) : undefined;
  for (const item of trace.items) {
    if (item.kind === 'span' && matcher(item, names?.[item.index])) {
      isMatch[item.index] = 1;
      order.push(item.index);
    }
  }
  return { order: Int32Array.from(order), isMatch };
}

export interface MatchedRows {
  /** Per item index: 1 for a match or an ancestor of one (the rows of "matches only"). */
  keep: Uint8Array;
  /** Per item index: 1 when a match is somewhere below (the row can expand to show it). */
  hasMatchBelow: Uint8Array;
}

/**
 * Rows to show in "matches only" mode: every match and its ancestors, so each match keeps its
 * place in the tree. Each ancestor is marked once (the climb stops at one already marked), so
 * this is linear.
 */
export function matchesWithAncestors(trace: TraceView, matches: FilterMatches): MatchedRows {
  const keep = new Uint8Array(trace.items.length);
  const hasMatchBelow = new Uint8Array(trace.items.length);
  for (const index of matches.order) {
    keep[index] = 1;
    let at = parentItem(trace, trace.items[index]!);
    while (at !== undefined && hasMatchBelow[at.index] === 0) {
      keep[at.index] = 1;
      hasMatchBelow[at.index] = 1;
      at = parentItem(trace, at);
    }
  }
  return { keep, hasMatchBelow };
}

/** The services of a trace by name, for a service picker. */
export function serviceNames(trace: TraceView, services: readonly string[]): string[] {
  return trace.services.map((index) => services[index]!);
}
