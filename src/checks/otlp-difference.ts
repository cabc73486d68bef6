import { clip } from './format.ts';

/**
 * The first place where an OTLP/JSON body a program sent differs from the one the exporter
 * sends, as `path: sent X, the exporter sends Y`, or undefined when a receiver would read the
 * same data from both. The rules are those of OTLP/JSON (opentelemetry-proto, "JSON Protobuf
 * Encoding"), so that only a difference a receiver sees counts:
 *
 * - a field left out means its default (0, "", false, empty list), so leaving out
 *   `droppedAttributesCount: 0` or `events: []` is no difference;
 * - 64-bit integers (`*UnixNano`, `intValue`) may be decimal strings or numbers; what counts is
 *   the integer, so a number too large to be exact differs;
 * - trace and span ids are hex, compared without regard to case;
 * - enums (`kind`, `status.code`) are integers: a name such as "SPAN_KIND_CLIENT" differs;
 * - fields the exporter does not send are ignored, as receivers ignore unknown fields;
 * - `flags`: only its low 8 bits (the W3C trace flags) are compared, and only when sent (see
 *   `exporterRequest` for why).
 */
export function otlpDifference(sent: unknown, expected: unknown): string | undefined {
  return differ(sent, expected, '', undefined);
}

const INT64_FIELDS = new Set(['startTimeUnixNano', 'endTimeUnixNano', 'timeUnixNano', 'intValue']);
const ID_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What proto3 JSON reads as the field's default: absent, null, 0, "", false, [] or an object of defaults. */
function isDefault(v: unknown): boolean {
  if (v === undefined || v === null || v === 0 || v === '' || v === false || v === '0') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isRecord(v)) return Object.values(v).every(isDefault);
  return false;
}

function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `"${clip(v, 50)}"`;
  try {
    return clip(JSON.stringify(v) ?? String(v), 70);
  } catch {
    return 'an object';
  }
}

const at = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

function mismatch(path: string, sent: unknown, expected: unknown, note = ''): string {
  return `${path || 'the body'}: sent ${shown(sent)}, the exporter sends ${shown(expected)}${note}`;
}

/** An integer as OTLP/JSON allows it (decimal string or number), or undefined when it is neither. */
function int64(v: unknown): bigint | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
  return undefined;
}

function differInt64(sent: unknown, expected: unknown, path: string): string | undefined {
  const want = int64(expected);
  const got = int64(sent);
  if (got !== undefined && got === want) return undefined;
  if (typeof sent === 'number' && Number.isInteger(sent) && !Number.isSafeInteger(sent)) {
    return mismatch(path, sent, expected, ' (a JavaScript number cannot hold this integer exactly: send it as a decimal string)');
  }
  return mismatch(path, sent, expected);
}

/** A key of `sent` that is probably `key` misspelt: another case or snake_case. */
function nearKey(sent: Record<string, unknown>, key: string): string | undefined {
  const fold = (k: string) => k.replace(/_/g, '').toLowerCase();
  return Object.keys(sent).find((k) => k !== key && fold(k) === fold(key));
}

function differObject(sent: unknown, expected: Record<string, unknown>, path: string): string | undefined {
  if (!isRecord(sent)) return mismatch(path, sent, expected);
  for (const [key, want] of Object.entries(expected)) {
    const got = sent[key];
    const where = at(path, key);
    if (got === undefined && !isDefault(want) && key !== 'flags') {
      const near = nearKey(sent, key);
      return mismatch(where, undefined, want, near ? ` (it has \`${near}\`: OTLP/JSON keys are lowerCamelCase, as in \`${key}\`)` : '');
    }
    const difference = differ(got, want, where, key);
    if (difference) return difference;
  }
  return undefined;
}

const entries = (n: number): string => `${n} entr${n === 1 ? 'y' : 'ies'}`;

function differArray(sent: unknown, expected: unknown[], path: string): string | undefined {
  if (!Array.isArray(sent)) return mismatch(path, sent, expected);
  // Entries both have come first: a wrong first entry is usually the cause of a wrong count.
  for (let i = 0; i < Math.min(sent.length, expected.length); i += 1) {
    const difference = differ(sent[i], expected[i], at(path, i), undefined);
    if (difference) return difference;
  }
  if (sent.length === expected.length) return undefined;
  const where = path || 'the body';
  return sent.length < expected.length
    ? `${where}: sent ${entries(sent.length)}, the exporter sends ${expected.length}; the first one missing is ${shown(expected[sent.length])}`
    : `${where}: sent ${entries(sent.length)}, the exporter sends ${expected.length}; the first one too many is ${shown(sent[expected.length])}`;
}

function differ(sent: unknown, expected: unknown, path: string, key: string | undefined): string | undefined {
  if (expected === undefined || expected === null) return undefined;
  if (key === 'flags') {
    if (sent === undefined || sent === null) return undefined;
    return typeof sent === 'number' && typeof expected === 'number' && (sent & 0xff) === (expected & 0xff) ? undefined : mismatch(path, sent, expected);
  }
  if (sent === undefined || sent === null) return isDefault(expected) ? undefined : mismatch(path, undefined, expected);
  if (key !== undefined && INT64_FIELDS.has(key)) return differInt64(sent, expected, path);
  if (key !== undefined && ID_FIELDS.has(key) && typeof sent === 'string' && typeof expected === 'string') {
    return sent.toLowerCase() === expected.toLowerCase() ? undefined : mismatch(path, sent, expected);
  }
  if (Array.isArray(expected)) return differArray(sent, expected, path);
  if (isRecord(expected)) return differObject(sent, expected, path);
  return Object.is(sent, expected) ? undefined : mismatch(path, sent, expected);
}
