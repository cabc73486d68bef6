import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { toOtlpJson } from '../../sandboxes/wire/otlp-export.ts';
import { spanRecordFromReadableSpan } from '../../sandboxes/wire/readable-span.ts';
import { otlpDifference } from '../../src/checks/otlp-difference.ts';
import { exporterRequest } from '../../src/checks/otlp-reference.ts';

/** Real SDK spans of two scopes: a SERVER span with typed attributes, a CLIENT child with an event and an error, a link. */
function sdkSpans() {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'shop-api', 'service.version': '2.1.0' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer('shop-api', '2.1.0');
  const server = tracer.startSpan('GET /orders/:id', { kind: SpanKind.SERVER, attributes: { 'http.response.status_code': 200, ratio: 0.5, cached: false, tags: ['a', 'b'] } }, ROOT_CONTEXT);
  const inServer = trace.setSpan(ROOT_CONTEXT, server);
  const query = provider.getTracer('pg').startSpan('SELECT orders', { kind: SpanKind.CLIENT, links: [{ context: server.spanContext(), attributes: { why: 'test' } }] }, inServer);
  query.addEvent('retry', { attempt: 2 });
  query.setStatus({ code: SpanStatusCode.ERROR, message: 'timeout' });
  query.end();
  server.end();
  return exporter.getFinishedSpans();
}

const realBody = (spans: ReturnType<typeof sdkSpans>): unknown => JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)));

describe('exporterRequest: what the OTLP/HTTP exporter sends, from span records', () => {
  it('equals the real JsonTraceSerializer output for the same SDK spans, field for field', () => {
    const spans = sdkSpans();
    expect(exporterRequest(spans.map(spanRecordFromReadableSpan))).toEqual(realBody(spans));
  });

  it('the course’s own OTLP/JSON writer reads the same as the exporter’s (int64 as strings, defaults left out)', () => {
    const records = sdkSpans().map(spanRecordFromReadableSpan);
    expect(otlpDifference(toOtlpJson(records), exporterRequest(records))).toBeUndefined();
  });
});

describe('otlpDifference', () => {
  const records = sdkSpans().map(spanRecordFromReadableSpan);
  const expected = exporterRequest(records);
  /** The exporter's body with one change made by `edit`. */
  const edited = (edit: (body: any) => void): unknown => {
    const body = structuredClone(expected);
    edit(body);
    return body;
  };
  const span0 = 'resourceSpans[0].scopeSpans[0].spans[0]';
  const span1 = 'resourceSpans[0].scopeSpans[1].spans[0]';

  it('names the first differing path, with what was sent and what the exporter sends', () => {
    expect(otlpDifference(edited((b) => (b.resourceSpans[0].scopeSpans[0].spans[0].kind = 'SPAN_KIND_CLIENT')), expected)).toBe(
      `${span0}.kind: sent "SPAN_KIND_CLIENT", the exporter sends 3`,
    );
    expect(otlpDifference(edited((b) => (b.resourceSpans[0].scopeSpans[0].spans[0].status.code = 'STATUS_CODE_ERROR')), expected)).toBe(
      `${span0}.status.code: sent "STATUS_CODE_ERROR", the exporter sends 2`,
    );
  });

  it('accepts what a receiver reads the same: defaults left out, int64 as numbers or strings, ids in upper case, no flags', () => {
    const same = edited((b) => {
      const span = b.resourceSpans[0].scopeSpans[1].spans[0];
      delete span.droppedAttributesCount;
      delete span.events;
      delete span.links;
      delete span.flags;
      span.traceId = span.traceId.toUpperCase();
      span.attributes[0].value.intValue = '200';
      delete b.resourceSpans[0].resource.droppedAttributesCount;
    });
    expect(otlpDifference(same, expected)).toBeUndefined();
    expect(otlpDifference({ ...(expected as object), extra: 'ignored' }, expected)).toBeUndefined();
  });

  it('a timestamp written as a JavaScript number loses its last digits, and the message says why', () => {
    const message = otlpDifference(edited((b) => (b.resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano = Number(records[0]!.startTimeUnixNano) + 1001)), expected);
    expect(message).toMatch(new RegExp(`^${span0.replace(/[[\].]/g, '\\$&')}\\.startTimeUnixNano: sent \\d+, the exporter sends "${records[0]!.startTimeUnixNano}" \\(a JavaScript number cannot hold this integer exactly`));
  });

  it('a missing required field, a misspelt key, a wrong value type, a missing or extra list entry', () => {
    expect(otlpDifference(edited((b) => delete b.resourceSpans[0].scopeSpans[0].spans[0].parentSpanId), expected)).toBe(
      `${span0}.parentSpanId: sent nothing, the exporter sends "${records[0]!.parentSpanId}"`,
    );
    expect(
      otlpDifference(
        edited((b) => {
          const span = b.resourceSpans[0].scopeSpans[1].spans[0];
          span.span_id = span.spanId;
          delete span.spanId;
        }),
        expected,
      ),
    ).toBe(`${span1}.spanId: sent nothing, the exporter sends "${records[1]!.spanId}" (it has \`span_id\`: OTLP/JSON keys are lowerCamelCase, as in \`spanId\`)`);
    expect(otlpDifference(edited((b) => (b.resourceSpans[0].scopeSpans[1].spans[0].attributes[1].value = { stringValue: '0.5' })), expected)).toBe(
      `${span1}.attributes[1].value.doubleValue: sent nothing, the exporter sends 0.5`,
    );
    expect(otlpDifference(edited((b) => b.resourceSpans[0].scopeSpans[1].spans[0].attributes.pop()), expected)).toMatch(
      new RegExp(`^${span1.replace(/[[\].]/g, '\\$&')}\\.attributes: sent 3 entries, the exporter sends 4; the first one missing is \\{"key":"tags"`),
    );
    expect(otlpDifference(edited((b) => b.resourceSpans.push(b.resourceSpans[0])), expected)).toMatch(/^resourceSpans: sent 2 entries, the exporter sends 1; the first one too many is \{"resource"/);
  });

  it('flags: the trace-flag bits count when sent, the remote bits do not', () => {
    expect(otlpDifference(edited((b) => (b.resourceSpans[0].scopeSpans[0].spans[0].flags = 1)), expected)).toBeUndefined();
    expect(otlpDifference(edited((b) => (b.resourceSpans[0].scopeSpans[0].spans[0].flags = 256)), expected)).toBe(`${span0}.flags: sent 256, the exporter sends 257`);
  });

  it('a body that is not an object at all', () => {
    expect(otlpDifference('[]', expected)).toMatch(/^the body: sent "\[\]", the exporter sends/);
  });
});
