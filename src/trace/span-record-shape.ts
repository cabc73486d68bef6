/**
 * Whether a value read back from JSON (a stored last Run, a reference trace file) has the shape
 * of a span record, naming the first field that does not. The page trusts neither: storage can
 * hold an older version's data, and a file can be stale or damaged. Records straight from a
 * sandbox go through the stricter, size-counting `runtime/untrusted-records.ts` instead.
 */
import { SpanKindName } from '../../sandboxes/wire/span-record.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNanos = (v: unknown): boolean => isString(v) && /^\d+$/.test(v);
const SPAN_KINDS: readonly unknown[] = SpanKindName;
const STATUS_CODES: readonly unknown[] = ['UNSET', 'OK', 'ERROR'];

type Rule = [field: string, fits: (v: Record<string, unknown>) => boolean, what: string];

const RULES: readonly Rule[] = [
  ['traceId', (v) => isString(v.traceId), 'is not a string'],
  ['spanId', (v) => isString(v.spanId), 'is not a string'],
  ['parentSpanId', (v) => v.parentSpanId === undefined || isString(v.parentSpanId), 'is not a string'],
  ['name', (v) => isString(v.name), 'is not a string'],
  ['kind', (v) => SPAN_KINDS.includes(v.kind), `is not one of ${SpanKindName.join(', ')}`],
  ['startTimeUnixNano', (v) => isString(v.startTimeUnixNano), 'is not a string'],
  ['startTimeUnixNano', (v) => isNanos(v.startTimeUnixNano), 'is not a whole number of nanoseconds'],
  ['endTimeUnixNano', (v) => v.endTimeUnixNano === undefined || isNanos(v.endTimeUnixNano), 'is not a whole number of nanoseconds'],
  ['attributes', (v) => isRecord(v.attributes), 'is not an object'],
  ['resource', (v) => isRecord(v.resource), 'is not an object'],
  ['scope', (v) => isRecord(v.scope) && isString(v.scope.name), 'is not an object with a name'],
  ['status', (v) => isRecord(v.status) && STATUS_CODES.includes(v.status.code), 'is not an object with a code (UNSET, OK or ERROR)'],
  ['events', (v) => Array.isArray(v.events) && v.events.every((e) => isRecord(e) && isString(e.name) && isString(e.timeUnixNano) && isRecord(e.attributes)), 'is not a list of events'],
  ['links', (v) => Array.isArray(v.links) && v.links.every((l) => isRecord(l) && isString(l.traceId) && isString(l.spanId) && isRecord(l.attributes)), 'is not a list of links'],
];

/** The first field of `value` that a span record cannot have, and why; undefined when it is one. */
export function spanRecordProblem(value: unknown): { field?: string; what: string } | undefined {
  if (!isRecord(value)) return { what: 'is not an object' };
  const broken = RULES.find(([, fits]) => !fits(value));
  return broken ? { field: broken[0], what: broken[2] } : undefined;
}
