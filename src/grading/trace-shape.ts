import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';

/**
 * A trace without what differs from run to run (ids, times): each span by its path of names
 * from its root, with its kind, status and attributes. Two runs that agree on these shapes, and
 * on the number of traces, produced the same trace.
 */
export interface TraceShape {
  traces: number;
  /** Span shapes as canonical strings, sorted, with repeats. */
  spans: string[];
}

const HEX_ID = /\b[0-9a-f]{16,32}\b/g;

function pathOf(span: SpanRecord, byId: Map<string, SpanRecord>): string {
  const names: string[] = [];
  const seen = new Set<string>();
  let current: SpanRecord | undefined = span;
  let last = span;
  while (current && !seen.has(current.spanId)) {
    seen.add(current.spanId);
    names.unshift(current.name);
    last = current;
    current = current.parentSpanId ? byId.get(current.parentSpanId) : undefined;
  }
  // A parent that is not in the run (a remote caller's span) is part of the shape too.
  return `${last.parentSpanId ? '(remote parent) > ' : ''}${names.join(' > ')}`;
}

/** One span as a canonical, readable string. */
function describeSpan(span: SpanRecord, byId: Map<string, SpanRecord>): string {
  const attributes = Object.keys(span.attributes)
    .sort()
    .map((key) => {
      const value = span.attributes[key];
      return `${key}=${JSON.stringify(typeof value === 'string' ? value.replace(HEX_ID, '<id>') : value)}`;
    });
  const status = span.status.message ? `${span.status.code} "${span.status.message}"` : span.status.code;
  return `\`${pathOf(span, byId)}\` (${span.kind}, status ${status}${attributes.length ? `, ${attributes.join(', ')}` : ''})`;
}

export function traceShape(spans: readonly SpanRecord[]): TraceShape {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  return {
    traces: new Set(spans.map((s) => s.traceId)).size,
    spans: spans.map((s) => describeSpan(s, byId)).sort(),
  };
}

function counts(shape: TraceShape): Map<string, number> {
  const result = new Map<string, number>();
  for (const s of shape.spans) result.set(s, (result.get(s) ?? 0) + 1);
  return result;
}

const times = (n: number) => (n === 1 ? 'once' : `${n} times`);

/** The first difference between two shapes, as a sentence naming `a` and `b`; undefined when equal. */
export function firstDifference(a: TraceShape, b: TraceShape, names: { a: string; b: string }): string | undefined {
  const inA = counts(a);
  const inB = counts(b);
  for (const key of [...new Set([...inA.keys(), ...inB.keys()])].sort()) {
    const na = inA.get(key) ?? 0;
    const nb = inB.get(key) ?? 0;
    if (na !== nb) return `span ${key} appears ${na === 0 ? 'never' : times(na)} in ${names.a} and ${nb === 0 ? 'never' : times(nb)} in ${names.b}`;
  }
  if (a.traces !== b.traces) return `${names.a} has ${a.traces} trace(s) and ${names.b} ${b.traces}`;
  return undefined;
}

/** Whether both have the same kinds of spans, however many of each. */
export function sameSpanKinds(a: TraceShape, b: TraceShape): boolean {
  const setA = new Set(a.spans);
  const setB = new Set(b.spans);
  return setA.size === setB.size && [...setA].every((s) => setB.has(s));
}
