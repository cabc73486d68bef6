/**
 * Builds the trace of a trace-reading exercise in code: a small seeded program makes a 300-span
 * trace readable and reviewable where a hand-written OTLP file would not be. Same seed, same
 * trace: ids and any `random()` draws come from a seeded generator, times from the arguments.
 */
import type { Attributes, SpanKindName, SpanRecord, StatusCodeName } from '../../sandboxes/wire/span-record.ts';
import { randomHex, seededRandom } from '../../sandboxes/wire/seeded-random.ts';

export interface SpanSpec {
  name: string;
  service: string;
  /** ms from the start of the trace. */
  startMs: number;
  durationMs: number;
  /** The parent's span id (what `span()` returned); none for the root. */
  parent?: string;
  kind?: SpanKindName;
  status?: StatusCodeName;
  /** The status message of an error. */
  message?: string;
  attributes?: Attributes;
  /** An `exception` event at the span's end, as instrumentation records a thrown error. */
  exception?: { type: string; message: string };
}

export interface TraceBuilder {
  /** Adds a span; returns its span id, to pass as `parent` of its children. */
  span(spec: SpanSpec): string;
  /** Ends a span at `atMs` (ms from the start of the trace): for a parent whose end its children decide. */
  end(spanId: string, atMs: number): void;
  /** A number in [0, 1) from the seeded generator. */
  random(): number;
  /** An integer in [min, max], from the seeded generator. */
  between(min: number, max: number): number;
  /** The spans, in the order they were added. */
  records(): SpanRecord[];
}

const nanos = (ms: number) => BigInt(Math.round(ms * 1_000_000));

/** `startUnixMs` anchors the trace in time (default 2026-03-02T10:15:00Z); `seed` makes the ids. */
export function createTrace(options: { seed: number; startUnixMs?: number }): TraceBuilder {
  const random = seededRandom(options.seed);
  const ids = seededRandom(options.seed ^ 0x5eed);
  const hex = (length: number) => randomHex(ids, length);
  const traceId = hex(32);
  const origin = BigInt(options.startUnixMs ?? Date.UTC(2026, 2, 2, 10, 15)) * 1_000_000n;
  const spans: SpanRecord[] = [];
  const used = new Set<string>();
  return {
    span(spec) {
      let spanId = hex(16);
      while (used.has(spanId)) spanId = hex(16);
      used.add(spanId);
      const start = origin + nanos(spec.startMs);
      const end = start + nanos(spec.durationMs);
      spans.push({
        traceId,
        spanId,
        ...(spec.parent === undefined ? {} : { parentSpanId: spec.parent }),
        name: spec.name,
        kind: spec.kind ?? 'INTERNAL',
        startTimeUnixNano: start.toString(),
        endTimeUnixNano: end.toString(),
        attributes: spec.attributes ?? {},
        events: spec.exception
          ? [{ name: 'exception', timeUnixNano: end.toString(), attributes: { 'exception.type': spec.exception.type, 'exception.message': spec.exception.message } }]
          : [],
        links: [],
        status: spec.status === 'ERROR' ? { code: 'ERROR', message: spec.message ?? spec.exception?.message ?? '' } : { code: spec.status ?? 'UNSET' },
        resource: { 'service.name': spec.service },
        scope: { name: spec.service },
      });
      return spanId;
    },
    end(spanId, atMs) {
      const span = spans.find((s) => s.spanId === spanId);
      if (!span) throw new Error(`createTrace: no span ${spanId} to end.`);
      const end = origin + nanos(atMs);
      if (end < BigInt(span.startTimeUnixNano)) throw new Error(`createTrace: \`${span.name}\` would end before it starts.`);
      span.endTimeUnixNano = end.toString();
      for (const event of span.events) if (event.name === 'exception') event.timeUnixNano = span.endTimeUnixNano;
    },
    random,
    between: (min, max) => min + Math.floor(random() * (max - min + 1)),
    records: () => spans.map((s) => structuredClone(s)),
  };
}
