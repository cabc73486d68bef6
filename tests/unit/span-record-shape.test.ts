import { describe, expect, it } from 'vitest';
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { spanRecordProblem } from '../../src/trace/span-record-shape.ts';

const span: SpanRecord = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  name: 'charge payment',
  kind: 'INTERNAL',
  startTimeUnixNano: '1700000000000000000',
  endTimeUnixNano: '1700000000040000000',
  attributes: { 'order.id': 'o-1' },
  events: [{ name: 'retry', timeUnixNano: '1700000000010000000', attributes: {} }],
  links: [],
  status: { code: 'OK' },
  resource: { 'service.name': 'checkout' },
  scope: { name: 'checkout-service' },
};

describe('spanRecordProblem', () => {
  it('takes a span record, ended or not, with or without a parent', () => {
    expect(spanRecordProblem(span)).toBeUndefined();
    const { endTimeUnixNano: _end, ...open } = span;
    expect(spanRecordProblem({ ...open, parentSpanId: '00f067aa0ba902b7' })).toBeUndefined();
  });

  it('names the first field that does not fit, and why', () => {
    expect(spanRecordProblem(null)).toEqual({ what: 'is not an object' });
    expect(spanRecordProblem([span])).toEqual({ what: 'is not an object' });
    expect(spanRecordProblem({ ...span, traceId: 7 })).toEqual({ field: 'traceId', what: 'is not a string' });
    expect(spanRecordProblem({ ...span, kind: 'internal' })).toEqual({ field: 'kind', what: 'is not one of UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER' });
    expect(spanRecordProblem({ ...span, startTimeUnixNano: '1.5e18' })).toEqual({ field: 'startTimeUnixNano', what: 'is not a whole number of nanoseconds' });
    expect(spanRecordProblem({ ...span, endTimeUnixNano: 1 })).toEqual({ field: 'endTimeUnixNano', what: 'is not a whole number of nanoseconds' });
    expect(spanRecordProblem({ ...span, status: { code: 'FAILED' } })).toEqual({ field: 'status', what: expect.stringContaining('UNSET, OK or ERROR') });
    expect(spanRecordProblem({ ...span, scope: {} })).toEqual({ field: 'scope', what: 'is not an object with a name' });
    expect(spanRecordProblem({ ...span, events: [{ name: 'retry' }] })).toEqual({ field: 'events', what: 'is not a list of events' });
    expect(spanRecordProblem({ ...span, links: {} })).toEqual({ field: 'links', what: 'is not a list of links' });
  });
});
