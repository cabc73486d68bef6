/**
 * How checks write names, values, lists, durations and ratios in messages. Everything shown to
 * the learner goes through here, so a name printed by the program is shortened and escaped the
 * same way in every message, and output is identical for identical input.
 */

const MAX_TEXT = 60;
const MAX_LIST = 3;

/** Escapes control characters and shortens, so that program-controlled text cannot break a message's layout. */
export function clip(text: string, max = MAX_TEXT): string {
  const escaped = text.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
}

/** A name as code: `charge payment`. */
export const code = (name: string): string => `\`${clip(name)}\``;

/** A value as it would be written in code: "42" for a string, 42 for a number. */
export function value(v: unknown): string {
  if (typeof v === 'string') return `"${clip(v)}"`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (v instanceof RegExp) return clip(String(v));
  if (Array.isArray(v)) {
    const items = v.slice(0, 5).map(value);
    return `[${items.join(', ')}${v.length > 5 ? ', …' : ''}]`;
  }
  try {
    return clip(JSON.stringify(v) ?? String(v));
  } catch {
    return 'an object';
  }
}

/** The type of a value in the words attribute types use: `a string`, `an int`, ... */
export function typeName(v: unknown): string {
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an int' : 'a double';
  if (typeof v === 'boolean') return 'a bool';
  if (Array.isArray(v)) return 'an array';
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  return `a ${typeof v}`;
}

/** A value, followed by its type when the expected value has another type: `"50" (a string)`. */
export function valueAgainst(actual: unknown, expected: unknown): string {
  const sameType = expected instanceof RegExp ? typeof actual === 'string' : typeName(actual) === typeName(expected);
  return sameType ? value(actual) : `${value(actual)} (${typeName(actual)})`;
}

/** `a`, `a and b`, `a, b and c`, `a, b, c and 4 more` (or with `or`). */
export function list(items: readonly string[], max = MAX_LIST, conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= max) {
    return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
  }
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** `a` or `an` before a word: "an INTERNAL span". */
export const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** Upper-cases the first letter, for a phrase that starts a sentence. */
export const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const trim = (fixed: string): string => (fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed);

/** A duration for people: `0.042 ms`, `12.3 ms`, `100 ms`, `1.25 s`. */
export function duration(nanos: bigint): string {
  const ms = Number(nanos) / 1e6;
  const abs = Math.abs(ms);
  if (abs >= 1000) return `${trim((ms / 1000).toFixed(2))} s`;
  if (abs >= 1) return `${trim(ms.toFixed(1))} ms`;
  return `${trim(ms.toFixed(3))} ms`;
}

/** A ratio as a percentage with `digits` decimals, trailing zeros trimmed unless `keepZeros`. */
export function percent(ratio: number, digits = 1, keepZeros = false): string {
  const fixed = (ratio * 100).toFixed(digits);
  return `${keepZeros ? fixed : trim(fixed)}%`;
}

/** A trace id shortened for reading (its first 8 hex digits); span ids are short enough as they are. */
export const shortId = (id: string): string => (id.length > 16 ? `${clip(id, 9)}` : clip(id));

/** Ends a clause with a full stop, unless it already ends with a question mark. */
export const stop = (clause: string): string => (clause.endsWith('?') ? clause : `${clause}.`);
