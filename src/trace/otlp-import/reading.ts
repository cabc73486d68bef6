/**
 * How the OTLP/JSON reader reports: `OtlpImportError` for input it cannot read (with the path into
 * the document, or a line and column for JSON syntax), `Warnings` for data it read but could not
 * keep exactly, and the small field helpers every part of the reader shares.
 */

export type JsonObject = Record<string, unknown>;

/** Each kind of warning is listed this many times with its location, then summarised with a count. */
const WARNINGS_PER_KIND = 5;

/**
 * Input that is not OTLP/JSON. `path` points into the document
 * (`resourceSpans[0].scopeSpans[1].spans[3].spanId`, lowerCamelCase field names even when the
 * input used snake_case); JSON syntax errors carry `line` and `column` (1-based) instead.
 */
export class OtlpImportError extends Error {
  override readonly name = 'OtlpImportError';
  readonly path: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly reason: string;

  constructor(reason: string, where: { path: string } | { line: number; column: number }) {
    super('path' in where ? (where.path ? `${where.path}: ${reason}` : reason) : `JSON syntax error at line ${where.line}, column ${where.column}: ${reason}`);
    this.reason = reason;
    this.path = 'path' in where ? where.path : undefined;
    this.line = 'line' in where ? where.line : undefined;
    this.column = 'column' in where ? where.column : undefined;
  }
}

/** Collects warnings, keeping the list short when one problem repeats over 100,000 spans. */
export class Warnings {
  private readonly counts = new Map<string, number>();
  private readonly list: string[] = [];

  add(kind: string, message: string): void {
    const count = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, count);
    if (count <= WARNINGS_PER_KIND) this.list.push(message);
  }

  finish(): string[] {
    for (const [kind, count] of this.counts) {
      if (count > WARNINGS_PER_KIND) this.list.push(`...and ${count - WARNINGS_PER_KIND} more like this: ${kind}`);
    }
    return this.list;
  }
}

export function fail(path: string, reason: string): never {
  throw new OtlpImportError(reason, { path });
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field by its lowerCamelCase name or, leniently, its proto snake_case name; null counts as absent. */
export function get(object: JsonObject, name: string, snakeName?: string): unknown {
  const value = object[name];
  if (value !== undefined && value !== null) return value;
  if (snakeName === undefined) return undefined;
  const snake = object[snakeName];
  return snake === null ? undefined : snake;
}

export function optionalString(value: unknown, parentPath: string, field: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  fail(`${parentPath}.${field}`, `expected a string, got ${describe(value)}`);
}

/** `__proto__` as an attribute key must become a property, not replace the object's prototype. */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

export function toSnakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

export function compareDecimal(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A value as it appears in the input, short enough for one line of an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array (${value.length} items)`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}
