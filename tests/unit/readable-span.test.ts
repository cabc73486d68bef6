import { readFileSync } from 'node:fs';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace, type HrTime, type Link } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type Span,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { beforeAll, describe, expect, it } from 'vitest';
import { toOtlpJson } from '../../sandboxes/wire/otlp-export.ts';
import { fromOtlpJson } from '../../src/trace/otlp-import.ts';
import { hrTimeToUnixNanoString, spanRecordFromReadableSpan } from '../../sandboxes/wire/readable-span.ts';
import { durationNanos, type SpanRecord } from '../../sandboxes/wire/span-record.ts';

/** Seconds chosen so that seconds * 1e9 + nanos is far above 2^53: a float would lose digits. */
const BASE_SECONDS = 1_764_000_000;
const at = (millis: number, extraNanos = 0): HrTime => {
  const nanos = 123_456_789 + millis * 1_000_000 + extraNanos;
  return [BASE_SECONDS + Math.floor(nanos / 1e9), nanos % 1e9];
};
/** The same instant computed independently of the module (string arithmetic, not BigInt). */
const nanoString = ([seconds, nanos]: HrTime): string => `${seconds}${String(nanos).padStart(9, '0')}`;

const REMOTE_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const REMOTE_SPAN_ID = 'b7ad6b7169203331';

/** Keeps the spans the SDK starts, so a span that never ends can be converted too. */
class StartedSpans implements SpanProcessor {
  readonly spans: Span[] = [];
  onStart(span: Span): void {
    this.spans.push(span);
  }
  onEnd(): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

interface Scenario {
  finished: ReadableSpan[];
  unended: ReadableSpan;
  byName: (name: string) => ReadableSpan;
  records: Map<string, SpanRecord>;
}

/** A checkout request: every kind, every attribute type, events, an exception, links, limits, a remote parent. */
function runCheckout(): Scenario {
  const exporter = new InMemorySpanExporter();
  const started = new StartedSpans();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'checkout', 'service.version': '1.4.0', 'host.cpus': 2 }),
    spanProcessors: [new SimpleSpanProcessor(exporter), started],
    spanLimits: { attributeCountLimit: 16, eventCountLimit: 4, linkCountLimit: 2 },
  });
  const tracer = provider.getTracer('checkout-tests', '1.2.3');
  const unversioned = provider.getTracer('no-version');

  const root = tracer.startSpan(
    'POST /checkout',
    {
      kind: SpanKind.SERVER,
      startTime: at(0),
      attributes: {
        'http.request.method': 'POST',
        'http.response.status_code': 402,
        'app.cart.total': 42.5,
        'app.cart.empty': false,
        'app.cart.skus': ['SKU-1', 'SKU-2'],
        'app.cart.quantities': [1, 2, 3],
        'app.cart.prices': [9.99, 1.5],
        'app.cart.gift_flags': [true, false],
        'app.cart.notes': ['fragile', null, undefined],
        'app.cart.big_id': 2 ** 53 + 2,
        'app.cart.empty_list': [],
      },
    },
    ROOT_CONTEXT,
  );
  root.addEvent('cart.loaded', { 'app.cart.items': 2 }, at(1, 7));
  root.setStatus({ code: SpanStatusCode.ERROR, message: 'payment declined' });
  const rootContext = trace.setSpan(ROOT_CONTEXT, root);

  const charge = tracer.startSpan('charge payment', { startTime: at(26) }, rootContext);
  charge.recordException(new TypeError('card declined'), at(400));
  charge.setStatus({ code: SpanStatusCode.OK });
  const chargeContext = trace.setSpan(rootContext, charge);

  const stripe = tracer.startSpan('stripe api call', { kind: SpanKind.CLIENT, startTime: at(28) }, chargeContext);
  stripe.end(at(403, 1));
  charge.end(at(406));

  const publish = tracer.startSpan('publish order', { kind: SpanKind.PRODUCER, startTime: at(410) }, rootContext);
  publish.end(at(411));

  // A consumer in another trace, continuing a remote parent that carries vendor trace state.
  const remoteParent = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: REMOTE_TRACE_ID,
    spanId: REMOTE_SPAN_ID,
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
    traceState: new TraceState('vendor=abc,other=1'),
  });
  const publishLink: Link = { context: publish.spanContext(), attributes: { 'messaging.operation': 'publish' } };
  const consume = unversioned.startSpan('consume order', { kind: SpanKind.CONSUMER, startTime: at(500), links: [publishLink] }, remoteParent);
  consume.end(at(520));

  root.end(at(450));

  // Over the provider's limits: 20 attributes (16 kept), 6 events (4 kept), 3 links (2 kept).
  const limited = tracer.startSpan('limited', { startTime: at(600), links: [publishLink, publishLink, publishLink] }, ROOT_CONTEXT);
  for (let i = 0; i < 20; i++) limited.setAttribute(`attr.${i}`, i);
  for (let i = 0; i < 6; i++) limited.addEvent(`event ${i}`, at(601 + i));
  limited.end(at(610));

  // Real clock times, to compare with hrTime values the module did not choose.
  tracer.startSpan('clocked', {}, ROOT_CONTEXT).end();

  tracer.startSpan('still running', { startTime: at(700) }, rootContext);

  const finished = exporter.getFinishedSpans();
  const unended = started.spans.find((span) => span.name === 'still running');
  if (!unended) throw new Error('the unended span was not started');
  const byName = (name: string): ReadableSpan => {
    const span = [...finished, unended].find((s) => s.name === name);
    if (!span) throw new Error(`no span named ${name}`);
    return span;
  };
  const records = new Map([...finished, unended].map((span) => [span.name, spanRecordFromReadableSpan(span)]));
  return { finished, unended, byName, records };
}

let scenario: Scenario;
const record = (name: string): SpanRecord => {
  const found = scenario.records.get(name);
  if (!found) throw new Error(`no record named ${name}`);
  return found;
};

beforeAll(() => {
  scenario = runCheckout();
});

describe('spanRecordFromReadableSpan', () => {
  it('converts a server span exactly: ids, kind, times, every attribute type, events, status, resource, scope', () => {
    const root = scenario.byName('POST /checkout');
    expect(record('POST /checkout')).toEqual({
      traceId: root.spanContext().traceId,
      spanId: root.spanContext().spanId,
      name: 'POST /checkout',
      kind: 'SERVER',
      startTimeUnixNano: '1764000000123456789',
      endTimeUnixNano: '1764000000573456789',
      attributes: {
        'http.request.method': 'POST',
        'http.response.status_code': 402,
        'app.cart.total': 42.5,
        'app.cart.empty': false,
        'app.cart.skus': ['SKU-1', 'SKU-2'],
        'app.cart.quantities': [1, 2, 3],
        'app.cart.prices': [9.99, 1.5],
        'app.cart.gift_flags': [true, false],
        'app.cart.notes': ['fragile', null, null],
        'app.cart.big_id': 2 ** 53 + 2,
        'app.cart.empty_list': [],
      },
      events: [{ name: 'cart.loaded', timeUnixNano: '1764000000124456796', attributes: { 'app.cart.items': 2 } }],
      links: [],
      status: { code: 'ERROR', message: 'payment declined' },
      resource: { 'service.name': 'checkout', 'service.version': '1.4.0', 'host.cpus': 2 },
      scope: { name: 'checkout-tests', version: '1.2.3' },
    });
    // A root span has no parentSpanId key at all (not even undefined).
    expect(Object.keys(record('POST /checkout'))).not.toContain('parentSpanId');
  });

  it('links children to parents and keeps one trace id', () => {
    const root = record('POST /checkout');
    const charge = record('charge payment');
    const stripe = record('stripe api call');
    expect(charge.parentSpanId).toBe(root.spanId);
    expect(stripe.parentSpanId).toBe(charge.spanId);
    expect(record('publish order').parentSpanId).toBe(root.spanId);
    expect(record('still running').parentSpanId).toBe(root.spanId);
    for (const r of [charge, stripe, record('publish order')]) expect(r.traceId).toBe(root.traceId);
    for (const r of scenario.records.values()) {
      expect(r.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(r.spanId).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('maps every API SpanKind to its OTLP name (INTERNAL is 0 in the API)', () => {
    expect(SpanKind.INTERNAL).toBe(0);
    expect(record('charge payment').kind).toBe('INTERNAL');
    expect(record('POST /checkout').kind).toBe('SERVER');
    expect(record('stripe api call').kind).toBe('CLIENT');
    expect(record('publish order').kind).toBe('PRODUCER');
    expect(record('consume order').kind).toBe('CONSUMER');
  });

  it('keeps nanosecond precision, equal to the hrTime the SDK holds', () => {
    for (const span of [...scenario.finished, scenario.unended]) {
      const r = spanRecordFromReadableSpan(span);
      expect(r.startTimeUnixNano).toBe(nanoString(span.startTime));
      if (span.ended) expect(r.endTimeUnixNano).toBe(nanoString(span.endTime));
      span.events.forEach((event, i) => expect(r.events[i]?.timeUnixNano).toBe(nanoString(event.time)));
    }
    expect(record('stripe api call').endTimeUnixNano).toBe('1764000000526456790');
    expect(durationNanos(record('stripe api call'))).toBe(375_000_001n);
    // Past 2^53 a double cannot hold this exactly; the string must.
    const start = record('POST /checkout').startTimeUnixNano;
    expect(String(Number(start))).not.toBe(start);
    expect(hrTimeToUnixNanoString([0, 5])).toBe('5');
    expect(hrTimeToUnixNanoString([1, 0])).toBe('1000000000');
  });

  it('converts real clock times exactly too', () => {
    const clocked = scenario.byName('clocked');
    const r = record('clocked');
    expect(r.startTimeUnixNano).toBe(nanoString(clocked.startTime));
    expect(r.endTimeUnixNano).toBe(nanoString(clocked.endTime));
    // Sanity: the clock is "now", within a day.
    expect(Math.abs(Number(r.startTimeUnixNano) / 1e6 - Date.now())).toBeLessThan(86_400_000);
  });

  it('records an exception as the SDK does: an "exception" event with type, message and stack', () => {
    const charge = record('charge payment');
    expect(charge.status).toEqual({ code: 'OK' });
    expect(charge.events).toHaveLength(1);
    const [exception] = charge.events;
    expect(exception?.name).toBe('exception');
    expect(exception?.timeUnixNano).toBe('1764000000523456789');
    expect(exception?.attributes['exception.type']).toBe('TypeError');
    expect(exception?.attributes['exception.message']).toBe('card declined');
    expect(exception?.attributes['exception.stacktrace']).toMatch(/^TypeError: card declined\n\s+at /);
  });

  it('omits the status message when there is none, and keeps UNSET', () => {
    expect(record('stripe api call').status).toEqual({ code: 'UNSET' });
    expect(Object.keys(record('stripe api call').status)).toEqual(['code']);
  });

  it('converts links, a remote parent, trace state and a scope without version', () => {
    const consume = record('consume order');
    const publish = record('publish order');
    expect(consume.traceId).toBe(REMOTE_TRACE_ID);
    expect(consume.parentSpanId).toBe(REMOTE_SPAN_ID);
    expect(consume.traceState).toBe('vendor=abc,other=1');
    expect(consume.links).toEqual([{ traceId: publish.traceId, spanId: publish.spanId, attributes: { 'messaging.operation': 'publish' } }]);
    expect(consume.scope).toEqual({ name: 'no-version' });
    expect('version' in consume.scope).toBe(false);
    expect('traceState' in publish).toBe(false);
  });

  it('reports what the SDK dropped over its limits, and nothing when nothing was dropped', () => {
    const limited = record('limited');
    expect(Object.keys(limited.attributes)).toHaveLength(16);
    expect(limited.events).toHaveLength(4);
    expect(limited.links).toHaveLength(2);
    expect(limited.dropped).toEqual({ attributes: 4, events: 2, links: 1 });
    expect('dropped' in record('POST /checkout')).toBe(false);
  });

  it('leaves endTimeUnixNano out for a span that has not ended', () => {
    expect(scenario.unended.ended).toBe(false);
    const r = record('still running');
    expect('endTimeUnixNano' in r).toBe(false);
    expect(durationNanos(r)).toBeUndefined();
    expect(r.startTimeUnixNano).toBe('1764000000823456789');
  });

  it('produces plain data that survives structuredClone and JSON, and does not alias the SDK', () => {
    for (const r of scenario.records.values()) {
      expect(structuredClone(r)).toEqual(r);
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      expectPlainData(r);
    }
    const root = scenario.byName('POST /checkout');
    const r = record('POST /checkout');
    expect(r.attributes).not.toBe(root.attributes);
    expect(r.attributes['app.cart.skus']).not.toBe(root.attributes['app.cart.skus']);
    expect(r.resource).not.toBe(root.resource.attributes);
  });
});

describe("agreement with the SDK's own OTLP/JSON serializer", () => {
  it('JsonTraceSerializer bytes -> fromOtlpJson gives the same records as spanRecordFromReadableSpan', () => {
    const spans = [...scenario.finished, scenario.unended];
    const bytes = JsonTraceSerializer.serializeRequest(spans);
    if (!bytes) throw new Error('the serializer returned nothing');
    const { records, warnings } = fromOtlpJson(JSON.parse(new TextDecoder().decode(bytes)));
    expect(warnings).toEqual([]);
    expect(sortById(records)).toEqual(sortById(spans.map(spanRecordFromReadableSpan)));
  });

  it('the serializer writes an unended span with endTimeUnixNano "0", which reads back as unended', () => {
    const bytes = JsonTraceSerializer.serializeRequest([scenario.unended]);
    if (!bytes) throw new Error('the serializer returned nothing');
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('"endTimeUnixNano":"0"');
    const [imported] = fromOtlpJson(JSON.parse(text)).records;
    expect(imported && 'endTimeUnixNano' in imported).toBe(false);
  });

  it('SDK records survive toOtlpJson -> JSON -> fromOtlpJson unchanged', () => {
    const records = [...scenario.records.values()];
    const { records: back, warnings } = fromOtlpJson(JSON.parse(JSON.stringify(toOtlpJson(records))));
    expect(warnings).toEqual([]);
    expect(sortById(back)).toEqual(sortById(records));
  });
});

describe('module boundaries', () => {
  it('readable-span.ts has only type imports (no SDK or Node code in a Worker bundle)', () => {
    const source = readFileSync(new URL('../../sandboxes/wire/readable-span.ts', import.meta.url), 'utf8');
    const imports = source.split('\n').filter((line) => /^import\s/.test(line));
    expect(imports.length).toBeGreaterThan(0);
    for (const line of imports) expect(line).toMatch(/^import type /);
  });
});

function sortById(records: SpanRecord[]): SpanRecord[] {
  return [...records].sort((a, b) => (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0));
}

/** Only plain objects, arrays and primitives: no class instances, functions or undefined values. */
function expectPlainData(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) continue;
    expect(typeof value).toBe('object');
    const proto = Object.getPrototypeOf(value);
    expect(proto === Object.prototype || proto === Array.prototype).toBe(true);
    for (const item of Object.values(value as object)) {
      expect(item).not.toBeUndefined();
      stack.push(item);
    }
  }
}
