/**
 * A sample trace for the viewer page, for a newcomer who has no OTLP/JSON file yet: a checkout
 * request across three services, with a slow payment call, a retried database write and an
 * exception event, so every part of the viewer has something to show.
 */
import type { Attributes, SpanKindName, SpanRecord } from '../../../sandboxes/wire/span-record.ts';

const TRACE_ID = '5ca1ab1e0ddba11c0ffee0000000c0de';
const START = 1_764_000_000_000_000_000n;

const shop = { 'service.name': 'shop-frontend', 'service.version': '1.4.0', 'deployment.environment.name': 'demo' };
const checkout = { 'service.name': 'checkout-service', 'service.version': '2.3.0', 'deployment.environment.name': 'demo' };
const payments = { 'service.name': 'payment-service', 'service.version': '0.9.2', 'deployment.environment.name': 'demo' };

interface SampleSpan {
  id: number;
  parent?: number;
  name: string;
  kind?: SpanKindName;
  start: number;
  end: number;
  resource: Attributes;
  attributes?: Attributes;
  error?: string;
  events?: SpanRecord['events'];
}

const at = (ms: number) => (START + BigInt(Math.round(ms * 1e6))).toString();
const spanId = (n: number) => `5a3b1e00000000${n.toString(16).padStart(2, '0')}`;

const SPANS: SampleSpan[] = [
  { id: 1, name: 'POST /api/checkout', kind: 'SERVER', start: 0, end: 612, resource: shop, attributes: { 'http.request.method': 'POST', 'http.route': '/api/checkout', 'http.response.status_code': 200, 'url.full': 'https://shop.example.com/api/checkout?cart=8f3a9c2e-77b1-4c0e-9a51-0f6c3d2b8e14' } },
  { id: 2, parent: 1, name: 'session lookup', start: 3, end: 11, resource: shop, attributes: { 'session.cache': 'hit' } },
  { id: 3, parent: 1, name: 'POST checkout-service/orders', kind: 'CLIENT', start: 14, end: 598, resource: shop, attributes: { 'http.request.method': 'POST', 'server.address': 'checkout-service' } },
  { id: 4, parent: 3, name: 'POST /orders', kind: 'SERVER', start: 17, end: 594, resource: checkout, attributes: { 'http.request.method': 'POST', 'http.route': '/orders', 'order.id': 'ord_20731', 'order.items_count': 3 } },
  { id: 5, parent: 4, name: 'validate cart', start: 19, end: 31, resource: checkout, attributes: { 'app.cart.skus': ['SKU-1', 'SKU-7', 'SKU-9'], 'app.cart.total': 118.4 } },
  { id: 6, parent: 4, name: 'reserve stock', kind: 'CLIENT', start: 33, end: 71, resource: checkout, attributes: { 'db.system.name': 'postgresql', 'db.operation.name': 'UPDATE' } },
  { id: 7, parent: 4, name: 'POST payment-service/charges', kind: 'CLIENT', start: 74, end: 521, resource: checkout, attributes: { 'http.request.method': 'POST', 'server.address': 'payment-service' } },
  { id: 8, parent: 7, name: 'POST /charges', kind: 'SERVER', start: 78, end: 517, resource: payments, attributes: { 'http.route': '/charges', 'payment.provider': 'card-gateway' } },
  { id: 9, parent: 8, name: 'fraud check', start: 80, end: 142, resource: payments, attributes: { 'fraud.score': 0.07 } },
  {
    id: 10,
    parent: 8,
    name: 'card gateway call (attempt 1)',
    kind: 'CLIENT',
    start: 145,
    end: 345,
    resource: payments,
    attributes: { 'server.address': 'gateway.example.net', 'http.request.resend_count': 0 },
    error: 'gateway timed out after 200 ms',
    events: [
      {
        name: 'exception',
        timeUnixNano: at(345),
        attributes: { 'exception.type': 'TimeoutError', 'exception.message': 'gateway timed out after 200 ms', 'exception.stacktrace': 'TimeoutError: gateway timed out after 200 ms\n    at charge (gateway.ts:58:13)\n    at async createCharge (charges.ts:31:5)' },
      },
    ],
  },
  { id: 11, parent: 8, name: 'card gateway call (attempt 2)', kind: 'CLIENT', start: 352, end: 509, resource: payments, attributes: { 'server.address': 'gateway.example.net', 'http.request.resend_count': 1 } },
  { id: 12, parent: 4, name: 'save order', kind: 'CLIENT', start: 526, end: 561, resource: checkout, attributes: { 'db.system.name': 'postgresql', 'db.operation.name': 'INSERT' } },
  { id: 13, parent: 4, name: 'publish order.created', kind: 'PRODUCER', start: 563, end: 588, resource: checkout, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': 'orders' } },
];

/** The sample's span records, in the order an exporter sends them (as spans end). */
export function sampleTrace(): SpanRecord[] {
  return SPANS.map((span): SpanRecord => ({
    traceId: TRACE_ID,
    spanId: spanId(span.id),
    ...(span.parent === undefined ? {} : { parentSpanId: spanId(span.parent) }),
    name: span.name,
    kind: span.kind ?? 'INTERNAL',
    startTimeUnixNano: at(span.start),
    endTimeUnixNano: at(span.end),
    attributes: span.attributes ?? {},
    events: span.events ?? [],
    links: [],
    status: span.error ? { code: 'ERROR', message: span.error } : { code: 'UNSET' },
    resource: span.resource,
    scope: { name: String(span.resource['service.name']), version: String(span.resource['service.version']) },
  })).sort((a, b) => (BigInt(a.endTimeUnixNano!) < BigInt(b.endTimeUnixNano!) ? -1 : 1));
}
