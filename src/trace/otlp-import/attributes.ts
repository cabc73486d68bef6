/**
 * OTLP/JSON attribute lists and `AnyValue`s -> record attributes. Lenient about encodings the
 * format allows (int64 as a string or a number, snake_case value fields), strict about values
 * that would be wrong; what an attribute cannot hold (kvlists, mixed arrays) is kept as JSON text
 * with a warning.
 */
import type { AttributeValue, Attributes } from '../../../sandboxes/wire/span-record.ts';
import { describe, fail, get, isObject, setOwn, toSnakeCase, type JsonObject, type Warnings } from './reading.ts';

/** Nesting of arrayValue/kvlistValue beyond this is refused: no real attribute needs it, and it bounds recursion. */
export const MAX_ANY_VALUE_DEPTH = 32;

const SIGNED_DIGITS = /^-?[0-9]+$/;
const DECIMAL_NUMBER = /^-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

type ValueField = 'stringValue' | 'boolValue' | 'intValue' | 'doubleValue' | 'arrayValue' | 'kvlistValue' | 'bytesValue';
const VALUE_FIELDS = new Map<string, ValueField>();
for (const field of ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue'] as const) {
  VALUE_FIELDS.set(field, field);
  VALUE_FIELDS.set(toSnakeCase(field), field);
}

export function readAttributes(raw: unknown, path: string, warnings: Warnings): Attributes {
  const attributes: Attributes = {};
  if (raw === undefined) return attributes;
  if (!Array.isArray(raw)) fail(path, `expected an array of {"key": ..., "value": {...}}, got ${describe(raw)}`);
  for (let i = 0; i < raw.length; i++) {
    const entry = raw[i];
    if (!isObject(entry)) fail(`${path}[${i}]`, `expected {"key": ..., "value": {...}}, got ${describe(entry)}`);
    const key = get(entry, 'key');
    if (typeof key !== 'string') fail(`${path}[${i}].key`, `expected a string, got ${describe(key)}`);
    const valuePath = `${path}[${i}].value`;
    const value = readAttributeValue(get(entry, 'value'), valuePath, warnings);
    if (value === undefined) {
      warnings.add('attributes without a value were skipped', `${valuePath}: attribute ${JSON.stringify(key)} has no value; skipped`);
      continue;
    }
    if (Object.hasOwn(attributes, key)) {
      warnings.add('duplicate attribute keys (the last one is kept)', `${path}[${i}].key: duplicate key ${JSON.stringify(key)}; the last value is kept`);
    }
    setOwn(attributes, key, value);
  }
  return attributes;
}

/**
 * AnyValue as an attribute value. Scalars and homogeneous scalar arrays map directly; what an
 * attribute value cannot hold (kvlist, bytes, nested or mixed arrays) becomes a string, with a warning.
 */
function readAttributeValue(raw: unknown, path: string, warnings: Warnings): AttributeValue | undefined {
  const value = readAnyValue(raw, path, path, 0, warnings);
  if (value === null) return undefined;
  if (typeof value !== 'object') return value;
  if (value instanceof KvList) {
    warnings.add('kvlistValue attributes rendered as JSON text', `${path}: kvlistValue rendered as JSON text`);
    return renderPlain(value);
  }
  return arrayAttribute(value, path, warnings);
}

function arrayAttribute(items: Plain[], path: string, warnings: Warnings): AttributeValue {
  let kind: 'string' | 'number' | 'boolean' | undefined;
  let uniform = true;
  for (const item of items) {
    if (item === null) continue;
    const t = typeof item;
    if (t !== 'string' && t !== 'number' && t !== 'boolean') {
      uniform = false;
      break;
    }
    if (kind === undefined) kind = t;
    else if (kind !== t) {
      uniform = false;
      break;
    }
  }
  // Checked element by element above; the cast restates homogeneity for the type system.
  if (uniform) return items as AttributeValue;
  warnings.add(
    'arrays with mixed or nested values rendered as strings',
    `${path}: array with mixed or nested values; its elements were rendered as strings`,
  );
  return items.map((item) => (item === null ? null : typeof item === 'string' ? item : renderPlain(item)));
}

/** kvlistValue contents, kept apart from arrays so they can be told apart when rendering. */
class KvList {
  readonly entries: Array<[string, Plain]>;
  constructor(entries: Array<[string, Plain]>) {
    this.entries = entries;
  }
}

/** AnyValue decoded to plain JS: null is the empty AnyValue. */
type Plain = string | number | boolean | null | Plain[] | KvList;

/**
 * Recursive, but only as deep as MAX_ANY_VALUE_DEPTH: a hostile or broken document cannot
 * overflow the stack, and the error names the attribute rather than a 33-level path.
 */
function readAnyValue(raw: unknown, path: string, attributePath: string, depth: number, warnings: Warnings): Plain {
  if (!isObject(raw)) fail(path, `expected an AnyValue object like {"stringValue": "..."}, got ${describe(raw)}`);
  let field: ValueField | undefined;
  let value: unknown;
  for (const key of Object.keys(raw)) {
    const known = VALUE_FIELDS.get(key);
    const candidate = raw[key];
    // null is JSON's way of saying "not set" for a proto field.
    if (known === undefined || candidate === null || candidate === undefined) continue;
    if (field !== undefined) fail(path, `expected exactly one value field, got both "${field}" and "${known}"`);
    field = known;
    value = candidate;
  }

  switch (field) {
    case undefined:
      return null;
    case 'stringValue':
      if (typeof value !== 'string') fail(`${path}.stringValue`, `expected a string, got ${describe(value)}`);
      return value;
    case 'boolValue':
      if (typeof value !== 'boolean') fail(`${path}.boolValue`, `expected true or false, got ${describe(value)}`);
      return value;
    case 'intValue':
      return readInt(value, path, warnings);
    case 'doubleValue':
      return readDouble(value, path);
    case 'bytesValue':
      if (typeof value !== 'string') fail(`${path}.bytesValue`, `expected a base64 string, got ${describe(value)}`);
      warnings.add('bytesValue kept as base64 text', `${path}: bytesValue kept as its base64 text`);
      return value;
    case 'arrayValue':
    case 'kvlistValue': {
      if (depth >= MAX_ANY_VALUE_DEPTH) {
        fail(attributePath, `arrayValue/kvlistValue nested more than ${MAX_ANY_VALUE_DEPTH} levels deep`);
      }
      const listPath = `${path}.${field}`;
      if (!isObject(value)) fail(listPath, `expected an object like {"values": [...]}, got ${describe(value)}`);
      const values = get(value, 'values');
      if (values === undefined) return field === 'arrayValue' ? [] : new KvList([]);
      if (!Array.isArray(values)) fail(`${listPath}.values`, `expected an array, got ${describe(values)}`);
      if (field === 'arrayValue') {
        const items: Plain[] = [];
        for (let i = 0; i < values.length; i++) {
          items.push(readAnyValue(values[i], `${listPath}.values[${i}]`, attributePath, depth + 1, warnings));
        }
        return items;
      }
      const entries: Array<[string, Plain]> = [];
      for (let i = 0; i < values.length; i++) {
        const entryPath = `${listPath}.values[${i}]`;
        const entry = values[i];
        if (!isObject(entry)) fail(entryPath, `expected {"key": ..., "value": {...}}, got ${describe(entry)}`);
        const key = get(entry, 'key');
        if (typeof key !== 'string') fail(`${entryPath}.key`, `expected a string, got ${describe(key)}`);
        entries.push([key, readAnyValue(get(entry, 'value') ?? {}, `${entryPath}.value`, attributePath, depth + 1, warnings)]);
      }
      return new KvList(entries);
    }
  }
}

/** int64: a decimal string (the spec) or a JSON number (what the JS SDK writes). */
function readInt(raw: unknown, path: string, warnings: Warnings): number {
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw)) fail(`${path}.intValue`, `expected an integer, got ${describe(raw)}`);
    return raw;
  }
  if (typeof raw !== 'string' || !SIGNED_DIGITS.test(raw)) {
    fail(`${path}.intValue`, `expected an integer (a decimal string or number), got ${describe(raw)}`);
  }
  const value = Number(raw);
  if (Number.isSafeInteger(value)) return value;
  // Only unsafe values pay for BigInt: it tells "out of int64" from "rounded" from "exact anyway".
  const exact = BigInt(raw);
  if (exact < INT64_MIN || exact > INT64_MAX) fail(`${path}.intValue`, `${describe(raw)} is out of range for a 64-bit integer`);
  if (BigInt(value) !== exact) {
    warnings.add(
      'integers beyond 2^53 rounded to the nearest JavaScript number',
      `${path}.intValue: ${raw} does not fit a JavaScript number exactly; rounded to ${BigInt(value).toString()}`,
    );
  }
  return value;
}

function readDouble(raw: unknown, path: string): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string') {
    if (raw === 'NaN') return Number.NaN;
    if (raw === 'Infinity') return Number.POSITIVE_INFINITY;
    if (raw === '-Infinity') return Number.NEGATIVE_INFINITY;
    if (DECIMAL_NUMBER.test(raw)) return Number(raw);
  }
  fail(`${path}.doubleValue`, `expected a number (or "NaN", "Infinity", "-Infinity"), got ${describe(raw)}`);
}

/** JSON text for values an attribute cannot hold; bounded by MAX_ANY_VALUE_DEPTH like the reader. */
function renderPlain(value: Plain): string {
  return JSON.stringify(toJsonValue(value));
}

function toJsonValue(value: Plain): unknown {
  if (value instanceof KvList) {
    const object: JsonObject = {};
    for (const [key, item] of value.entries) setOwn(object, key, toJsonValue(item));
    return object;
  }
  if (Array.isArray(value)) return value.map(toJsonValue);
  // JSON.stringify would print NaN and Infinity as null; keep them recognisable.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

/* ============================================================================================
 * Text: parseOtlpJson
 * ========================================================================================== */
