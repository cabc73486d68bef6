import type { CheckRun } from '../../src/checks/index.ts';
import type { Attributes, SpanEventRecord, SpanKindName, SpanRecord, StatusCodeName } from '../../sandboxes/wire/span-record.ts';

/** Milliseconds since the builder's epoch; ids and times are deterministic so messages are exact. */
export interface SpanSpec {
  /** The parent span; the child joins its trace. Without it, the span starts a new trace. */
  parent?: SpanRecord;
  /** A parent span id that was not recorded (a remote or lost parent). */
  parentSpanId?: string;
  /** Put a root span in this trace instead of a new one. */
  traceId?: string;
  kind?: SpanKindName;
  start?: number;
  /** Default `start + 10`; `null` for a span that never ended. */
  end?: number | null;
  attributes?: Attributes;
  events?: Array<{ name: string; at?: number; attributes?: Attributes }>;
  status?: StatusCodeName | { code: StatusCodeName; message?: string };
  service?: string;
}

const EPOCH_NS = 1_700_000_000_000n * 1_000_000n;
const nanos = (ms: number): string => String(EPOCH_NS + BigInt(Math.round(ms * 1e6)));
/** Eight hex digits that look random but are fixed for `n` (Knuth's multiplicative hash). */
const mix = (n: number): string => (Math.imul(n, 2654435761) >>> 0).toString(16).padStart(8, '0');
const traceIdFor = (n: number): string => `${mix(n)}${mix(n + 1000)}${mix(n + 2000)}${mix(n + 3000)}`;
const spanIdFor = (n: number): string => `${mix(n + 5000)}${mix(n + 6000)}`;

/** An `exception` event as `span.recordException(error)` records it. */
export function exceptionEvent(type: string, message: string, at?: number): NonNullable<SpanSpec['events']>[number] {
  return { name: 'exception', ...(at !== undefined ? { at } : {}), attributes: { 'exception.type': type, 'exception.message': message, 'exception.stacktrace': `${type}: ${message}\n    at main.ts:1:1` } };
}

/**
 * Builds span records the way the harness reports them: `spans` ended (in end order),
 * `unfinished` without an end time.
 *
 *   const t = new TraceBuilder();
 *   const root = t.span('POST /checkout', { kind: 'SERVER', end: 120 });
 *   t.span('processCheckout', { parent: root, start: 1, end: 118 });
 */
export class TraceBuilder {
  private readonly all: SpanRecord[] = [];
  private traces = 0;
  private ids = 0;

  span(name: string, spec: SpanSpec = {}): SpanRecord {
    const start = spec.start ?? 0;
    const end = spec.end === undefined ? start + 10 : spec.end;
    const status = typeof spec.status === 'string' ? { code: spec.status } : (spec.status ?? { code: 'UNSET' as const });
    const events: SpanEventRecord[] = (spec.events ?? []).map((e) => ({ name: e.name, timeUnixNano: nanos(e.at ?? start), attributes: e.attributes ?? {} }));
    const parentSpanId = spec.parent?.spanId ?? spec.parentSpanId;
    const record: SpanRecord = {
      traceId: spec.parent?.traceId ?? spec.traceId ?? traceIdFor(++this.traces),
      spanId: spanIdFor(++this.ids),
      ...(parentSpanId !== undefined ? { parentSpanId } : {}),
      name,
      kind: spec.kind ?? 'INTERNAL',
      startTimeUnixNano: nanos(start),
      ...(end !== null ? { endTimeUnixNano: nanos(end) } : {}),
      attributes: spec.attributes ?? {},
      events,
      links: [],
      status,
      resource: { 'service.name': spec.service ?? 'checkout' },
      scope: { name: 'test' },
    };
    this.all.push(record);
    return record;
  }

  /** Ended spans, in the order they ended (as runtimes report them). */
  get spans(): SpanRecord[] {
    return this.all.filter((s) => s.endTimeUnixNano !== undefined).sort((a, b) => Number(BigInt(a.endTimeUnixNano!) - BigInt(b.endTimeUnixNano!)));
  }

  get unfinished(): SpanRecord[] {
    return this.all.filter((s) => s.endTimeUnixNano === undefined);
  }

  /** A run of an `ok` program with these spans, plus anything given. */
  run(extra: Partial<CheckRun> = {}): CheckRun {
    return { exit: 'ok', spans: this.spans, unfinished: this.unfinished, console: [], errors: [], ...extra };
  }
}

/** The checkout trace of lesson 1, with the payment failing: the usual subject of checks. */
export function checkoutTrace(): { builder: TraceBuilder; run: CheckRun; spans: Record<'root' | 'process' | 'validate' | 'charge', SpanRecord> } {
  const builder = new TraceBuilder();
  const root = builder.span('POST /checkout', { kind: 'SERVER', start: 0, end: 120, attributes: { 'http.route': '/checkout', 'http.response.status_code': 500 } });
  const process = builder.span('processCheckout', { parent: root, start: 1, end: 118, attributes: { 'order.id': 'A-17', 'order.items': 3 } });
  const validate = builder.span('validate cart', { parent: process, start: 2, end: 10.5 });
  const charge = builder.span('charge payment', {
    parent: process,
    kind: 'CLIENT',
    start: 11,
    end: 110,
    attributes: { 'payment.amount': 49.9, 'payment.currency': 'EUR', 'payment.retries': 0, 'payment.methods': ['card', 'voucher'], 'payment.3ds': true },
    events: [{ name: 'card authorised', at: 50 }, exceptionEvent('PaymentDeclined', 'card declined for 500', 100)],
    status: { code: 'ERROR', message: 'card declined for 500' },
  });
  return { builder, run: builder.run(), spans: { root, process, validate, charge } };
}
