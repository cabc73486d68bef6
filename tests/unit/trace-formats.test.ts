import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTraceModel } from '../../src/trace/model-builder.ts';
import type { SpanNode } from '../../src/trace/model.ts';
import type { SpanRecord } from '../../src/trace/trace-formats/common.ts';
import { TraceImportError, detectTraceFormat, parseTraceJson } from '../../src/trace/trace-json.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/trace-formats/${name}`, import.meta.url), 'utf8');

interface TreeShape {
  name: string;
  kind: string;
  service: string;
  status: string;
  message: string | undefined;
  startMs: number;
  durationMs: number | undefined;
  events: string[];
  children: TreeShape[];
}

/** The span tree as the viewer builds it, reduced to what every format can say. */
function treeOf(records: SpanRecord[]): TreeShape[] {
  const model = buildTraceModel(records);
  expect(model.traces).toHaveLength(1);
  const shape = (node: SpanNode): TreeShape => ({
    name: node.record.name,
    kind: node.record.kind,
    service: node.service,
    status: node.status,
    message: node.record.status.message,
    startMs: node.startMs,
    durationMs: node.durationMs,
    events: node.record.events.map((event) => `${event.name}@${event.timeUnixNano}`),
    children: node.children.map(shape),
  });
  return model.traces[0]!.roots.map(shape);
}

const read = (text: string) => parseTraceJson(text);

describe('trace files in other formats open as the same trace', () => {
  const otlp = read(fixture('checkout.otlp.json'));
  const jaeger = read(fixture('checkout.jaeger.json'));
  const zipkin = read(fixture('checkout.zipkin.json'));

  it('detects each format from the content', () => {
    expect([otlp.format, jaeger.format, zipkin.format]).toEqual(['otlp', 'jaeger', 'zipkin']);
    expect(jaeger.warnings).toEqual([]);
    expect(zipkin.warnings).toEqual([]);
  });

  it('Jaeger JSON and Zipkin v2 give the span tree of the OTLP/JSON file', () => {
    const expected = treeOf(otlp.records);
    expect(expected[0]!.children[0]!.children[0]!.children.map((c) => c.name)).toEqual(['charge card', 'save order']);
    expect(treeOf(jaeger.records)).toEqual(expected);
    expect(treeOf(zipkin.records)).toEqual(expected);
  });

  it('Jaeger JSON keeps every record field: typed tags, process tags as the resource, logs as events, scope', () => {
    const byId = new Map(otlp.records.map((record) => [record.spanId, record]));
    for (const record of jaeger.records) expect(record).toEqual(byId.get(record.spanId));
  });

  it('Zipkin v2 maps the local endpoint to service.name and the remote one to peer attributes', () => {
    const charge = zipkin.records.find((record) => record.name === 'charge card')!;
    expect(charge.resource).toEqual({ 'service.name': 'checkout-service' });
    expect(charge.attributes).toEqual({ 'server.address': 'payment-service', 'peer.service': 'payment-service', 'network.peer.port': 8080 });
    expect(charge.status).toEqual({ code: 'ERROR', message: 'card declined' });
    expect(charge.scope).toEqual({ name: 'shop', version: '1.0.0' });
    expect(zipkin.records.find((record) => record.name === 'save order')!.kind).toBe('INTERNAL');
  });

  it('reads the Jaeger API v3 response (OTLP/JSON inside "result") as OTLP', () => {
    const v3 = read(JSON.stringify({ result: JSON.parse(fixture('checkout.otlp.json')) }));
    expect(v3.format).toBe('jaeger-v3');
    expect(v3.records).toEqual(otlp.records);
  });

  it('reads a Zipkin list of traces and a bare Jaeger trace', () => {
    const spans = JSON.parse(fixture('checkout.zipkin.json')) as unknown[];
    expect(read(JSON.stringify([spans.slice(0, 2), spans.slice(2)])).records).toHaveLength(6);
    const trace = (JSON.parse(fixture('checkout.jaeger.json')) as { data: unknown[] }).data[0];
    expect(read(JSON.stringify(trace)).records).toEqual(jaeger.records);
  });
});

describe('Jaeger references and Zipkin shared spans', () => {
  const jaegerSpan = (spanID: string, references: unknown[]) => ({ traceID: 'abc', spanID, operationName: spanID, references, startTime: 1000, duration: 10, processID: 'p1' });
  const jaegerFile = (spans: unknown[]) => JSON.stringify({ data: [{ traceID: 'abc', spans, processes: { p1: { serviceName: 'worker' } } }] });

  it('CHILD_OF is the parent, FOLLOWS_FROM a link (or the parent when there is no CHILD_OF); 64-bit ids are padded', () => {
    const { records } = read(
      jaegerFile([
        jaegerSpan('1', []),
        jaegerSpan('2', [{ refType: 'FOLLOWS_FROM', traceID: 'abc', spanID: '1' }]),
        jaegerSpan('3', [
          { refType: 'FOLLOWS_FROM', traceID: 'abc', spanID: '1' },
          { refType: 'CHILD_OF', traceID: 'abc', spanID: '2' },
        ]),
      ]),
    );
    expect(records.map((r) => [r.traceId, r.spanId, r.parentSpanId])).toEqual([
      ['00000000000000000000000000000abc', '0000000000000001', undefined],
      ['00000000000000000000000000000abc', '0000000000000002', '0000000000000001'],
      ['00000000000000000000000000000abc', '0000000000000003', '0000000000000002'],
    ]);
    expect(records[2]!.links).toEqual([{ traceId: '00000000000000000000000000000abc', spanId: '0000000000000001', attributes: { 'opentracing.ref_type': 'follows_from' } }]);
    expect(records[0]!.resource).toEqual({ 'service.name': 'worker' });
  });

  it('a Zipkin shared server span gets an id of its own under the client span', () => {
    const base = { traceId: '463ac35c9f6413ad', id: 'a2fb4a1d1a96d312', timestamp: 1000, duration: 50 };
    const { records, warnings } = read(
      JSON.stringify([
        { ...base, name: 'get', kind: 'CLIENT', localEndpoint: { serviceName: 'frontend' } },
        { ...base, name: 'get', kind: 'SERVER', shared: true, localEndpoint: { serviceName: 'backend' } },
      ]),
    );
    const [client, server] = records;
    expect(server!.parentSpanId).toBe(client!.spanId);
    expect(server!.spanId).not.toBe(client!.spanId);
    expect(treeOf(records)[0]!.children.map((child) => child.service)).toEqual(['backend']);
    expect(warnings).toHaveLength(1);
  });
});

describe('precise errors: which field, which span, what was expected', () => {
  const errorOf = (text: string): TraceImportError => {
    try {
      read(text);
    } catch (error) {
      expect(error).toBeInstanceOf(TraceImportError);
      return error as TraceImportError;
    }
    throw new Error('expected the import to fail');
  };
  const edit = (name: string, change: (document: any) => void) => {
    const document: unknown = JSON.parse(fixture(name));
    change(document);
    return JSON.stringify(document);
  };

  it('names the Jaeger span and field', () => {
    const bad = errorOf(edit('checkout.jaeger.json', (d) => (d.data[0].spans[3].spanID = 'not-hex')));
    expect(bad.format).toBe('jaeger');
    expect(bad.message).toBe('data[0].spans[3].spanID: expected a hex id of up to 16 characters, got "not-hex"');
    expect(errorOf(edit('checkout.jaeger.json', (d) => (d.data[0].spans[1].processID = 'p9'))).message).toBe(
      'data[0].spans[1].processID: "p9" is not in data[0].processes (it has "p1", "p2", "p3")',
    );
    expect(errorOf(edit('checkout.jaeger.json', (d) => (d.data[0].spans[2].tags[1].value = 'three'))).message).toBe(
      'data[0].spans[2].tags[1].value: expected an integer for type "int64", got "three"',
    );
    expect(errorOf(edit('checkout.jaeger.json', (d) => (d.data[0].spans[5].references[0].refType = 'PARENT'))).message).toBe(
      'data[0].spans[5].references[0].refType: expected "CHILD_OF" or "FOLLOWS_FROM", got "PARENT"',
    );
    expect(errorOf(JSON.stringify({ data: null, errors: [{ code: 400, msg: 'trace not found' }] })).message).toBe('data: the Jaeger query returned no traces: trace not found');
  });

  it('names the Zipkin span and field', () => {
    const bad = errorOf(edit('checkout.zipkin.json', (d) => (d[2].timestamp = '2025-01-01T00:00:00Z')));
    expect(bad.format).toBe('zipkin');
    expect(bad.message).toBe('[2].timestamp: expected the start time as an integer number of microseconds, got "2025-01-01T00:00:00Z"');
    expect(errorOf(edit('checkout.zipkin.json', (d) => (d[4].kind = 'server'))).message).toBe(
      '[4].kind: expected "CLIENT", "SERVER", "PRODUCER" or "CONSUMER" (or no kind for a local span), got "server"',
    );
    expect(errorOf(edit('checkout.zipkin.json', (d) => (d[0].tags['http.route'] = ['/checkout']))).message).toBe('[0].tags["http.route"]: expected a string, got an array (1 items)');
  });

  it('says which formats it reads when the file is none of them, and where the JSON breaks', () => {
    expect(() => detectTraceFormat({ traces: [] })).toThrow(/expected OTLP\/JSON .*Jaeger JSON .*Zipkin v2 JSON .*got an object with fields "traces"/);
    expect(errorOf('[1, 2]').message).toMatch(/Zipkin v2 JSON .*; got an array \(2 items\)$/);
    const syntax = errorOf('{"data": [\n  {"traceID": }\n]}');
    expect([syntax.line, syntax.column]).toEqual([2, 15]);
  });

  it('prefixes paths inside a Jaeger API v3 response with "result"', () => {
    const bad = errorOf(JSON.stringify({ result: { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'x' }] }] }] } }));
    expect(bad.format).toBe('jaeger-v3');
    expect(bad.path).toBe('result.resourceSpans[0].scopeSpans[0].spans[0].traceId');
  });
});
