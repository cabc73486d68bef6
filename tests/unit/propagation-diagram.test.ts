import { ROOT_CONTEXT, defaultTextMapGetter, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { layoutPropagation, type PropagationServiceInput } from '../../src/diagrams/propagation.ts';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
/** The request of the propagation lesson: browser -> checkout-service -> payment-service. */
const services: PropagationServiceInput[] = [
  { name: 'browser', spans: [{ name: 'POST /checkout', id: '53995c3f42cd8ad8', kind: 'client' }] },
  {
    name: 'checkout-service',
    spans: [
      { name: 'POST /checkout', id: 'e457b5a2e4d86bd1', kind: 'server' },
      { name: 'processCheckout', id: '6e0c63257de34c92' },
      { name: 'POST /payments', id: '00f067aa0ba902b7', kind: 'client' },
    ],
  },
  { name: 'payment-service', spans: [{ name: 'POST /payments', id: 'b7ad6b7169203331', kind: 'server' }] },
];

describe('layoutPropagation', () => {
  it('puts the sending span on each hop: the trace ID stays, the parent ID changes', () => {
    const steps = layoutPropagation({ traceId, services });
    expect(steps.map((s) => s.outgoing?.header)).toEqual([
      '00-4bf92f3577b34da6a3ce929d0e0e4736-53995c3f42cd8ad8-01',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      undefined,
    ]);
    expect(steps.map((s) => s.outgoing && `${s.outgoing.request} -> ${s.outgoing.to}`)).toEqual([
      'POST /checkout -> checkout-service',
      'POST /payments -> payment-service',
      undefined,
    ]);
    expect(steps.map((s) => s.colour)).toEqual([0, 1, 2]);
  });

  it("makes each receiver's first span a child of the span named in the header, and chains the rest", () => {
    const steps = layoutPropagation({ traceId, services });
    expect(steps[0]!.spans[0]).toEqual({ name: 'POST /checkout', id: '53995c3f42cd8ad8', kind: 'client' });
    expect(steps[1]!.spans.map((s) => s.parentId)).toEqual(['53995c3f42cd8ad8', 'e457b5a2e4d86bd1', '6e0c63257de34c92']);
    expect(steps[1]!.spans[1]).toMatchObject({ kind: 'internal', parentName: 'POST /checkout' });
    expect(steps[2]!.spans[0]!.parentId).toBe(steps[1]!.outgoing!.parts.parentId);
  });

  it('writes headers that the W3C propagator of the SDK reads back as the sending span', () => {
    const propagator = new W3CTraceContextPropagator();
    for (const step of layoutPropagation({ traceId, services })) {
      if (!step.outgoing) continue;
      const sender = step.spans.at(-1)!;
      const context = propagator.extract(ROOT_CONTEXT, { traceparent: step.outgoing.header }, defaultTextMapGetter);
      expect(trace.getSpanContext(context)).toEqual({ traceId, spanId: sender.id, traceFlags: 1, isRemote: true });
    }
    const unsampled = layoutPropagation({ traceId, services, sampled: false });
    expect(unsampled[0]!.outgoing!.header).toMatch(/-00$/);
  });

  it('rejects a diagram a lesson got wrong, naming the service and span', () => {
    expect(() => layoutPropagation({ traceId: traceId.toUpperCase(), services })).toThrow('traceId must be 32 lowercase hex digits');
    expect(() => layoutPropagation({ traceId, services: services.slice(0, 1) })).toThrow('at least two services');
    const noClient = structuredClone(services);
    noClient[1]!.spans[2]!.kind = 'internal';
    expect(() => layoutPropagation({ traceId, services: noClient })).toThrow('service 2 ("checkout-service"): its last span sends the request to the next service, so its kind must be "client"');
    const noServer = structuredClone(services);
    delete noServer[2]!.spans[0]!.kind;
    expect(() => layoutPropagation({ traceId, services: noServer })).toThrow('service 3 ("payment-service"): its first span receives the request');
    const twice = structuredClone(services);
    twice[2]!.spans[0]!.id = '00f067aa0ba902b7';
    expect(() => layoutPropagation({ traceId, services: twice })).toThrow('span 1 ("POST /payments"): id 00f067aa0ba902b7 is used twice');
    const short = structuredClone(services);
    short[0]!.spans[0]!.id = 'abc';
    expect(() => layoutPropagation({ traceId, services: short })).toThrow('service 1 ("browser") span 1 ("POST /checkout"): id must be 16 lowercase hex digits');
  });
});
