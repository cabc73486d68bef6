/**
 * Span records for the viewer's tests and benchmarks.
 *
 * - `checkoutTrace`: the checkout request of lesson 1 (450 ms, the Stripe call 375 ms of it), with
 *   an error variant whose Stripe call fails with an exception event.
 * - `spanRecord`: one record with defaults, for hand-made edge cases.
 * - `generateBigTrace`: deterministic big traces: a random recursive tree (each span's
 * parent is picked uniformly among the spans before it, so depth grows like ln n and early
 * spans fan out widely, as a request that calls many services does), child intervals nested
 * inside their parent's, six services by subtree, about 1% errors with exception events.
 */
import type { Attributes, SpanKindName, SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { seededRandom } from '../../sandboxes/wire/seeded-random.ts';

export const CHECKOUT_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const T0 = 1_764_000_000_000_000_000n;

/** Unix ns of `ms` after the fixtures' time zero, as the decimal string records use. */
export function at(ms: number): string {
  return (T0 + BigInt(Math.round(ms * 1e6))).toString();
}

const checkoutResource = { 'service.name': 'checkout-service', 'service.version': '2.3.0' };
const stripeResource = { 'service.name': 'stripe' };

/** A span record with defaults for what a test does not care about. Times are ms after time zero. */
export function spanRecord(fields: Partial<SpanRecord> & { name: string; spanId: string; start?: number; end?: number | undefined }): SpanRecord {
  const { start = 0, end = start + 1, ...rest } = fields;
  const record: SpanRecord = {
    traceId: CHECKOUT_TRACE_ID,
    kind: 'INTERNAL',
    startTimeUnixNano: at(start),
    endTimeUnixNano: at(end),
    attributes: {},
    events: [],
    links: [],
    status: { code: 'UNSET' },
    resource: checkoutResource,
    scope: { name: 'checkout-service', version: '1.0.0' },
    ...rest,
  };
  if ('end' in fields && fields.end === undefined) delete record.endTimeUnixNano;
  return record;
}

/**
 * Lesson 1's checkout: POST /checkout 450 ms; auth 12, validate 8, charge payment 380 with the
 * Stripe API call 375 inside it, save order 15. With `failed`, the Stripe call times out with an
 * exception event, charge payment and the request end in error, and no order is saved.
 */
export function checkoutTrace(options: { failed?: boolean } = {}): SpanRecord[] {
  const failed = options.failed ?? false;
  const stack = ['Error: ETIMEDOUT: api.stripe.com did not answer in 2000 ms', '    at chargeCard (payments.ts:42:11)', '    at async chargePayment (checkout.ts:27:5)'].join('\n');
  const records = [
    spanRecord({
      name: 'POST /checkout',
      spanId: 'a000000000000001',
      kind: 'SERVER',
      start: 0,
      end: 450,
      attributes: { 'http.request.method': 'POST', 'http.route': '/checkout', 'order.id': 'ord_1042', 'order.items_count': 3, 'app.cart.total': 42.5, 'app.cart.gift': true, 'app.cart.skus': ['SKU-1', 'SKU-2'] },
      status: failed ? { code: 'ERROR', message: 'payment failed' } : { code: 'OK' },
    }),
    spanRecord({ name: 'auth middleware', spanId: 'a000000000000002', parentSpanId: 'a000000000000001', start: 2, end: 14 }),
    spanRecord({ name: 'validate cart', spanId: 'a000000000000003', parentSpanId: 'a000000000000001', start: 15, end: 23 }),
    spanRecord({
      name: 'charge payment',
      spanId: 'a000000000000004',
      parentSpanId: 'a000000000000001',
      start: 26,
      end: 406,
      status: failed ? { code: 'ERROR', message: 'card charge timed out' } : { code: 'UNSET' },
    }),
    spanRecord({
      name: 'stripe api call',
      spanId: 'a000000000000005',
      parentSpanId: 'a000000000000004',
      kind: 'CLIENT',
      start: 28,
      end: 403,
      attributes: { 'server.address': 'api.stripe.com', 'http.request.method': 'POST' },
      resource: stripeResource,
      scope: { name: 'stripe-client', version: '14.0.0' },
      status: failed ? { code: 'ERROR', message: 'ETIMEDOUT' } : { code: 'UNSET' },
      events: failed
        ? [{ name: 'exception', timeUnixNano: at(403), attributes: { 'exception.type': 'Error', 'exception.message': 'ETIMEDOUT: api.stripe.com did not answer in 2000 ms', 'exception.stacktrace': stack } }]
        : [],
    }),
  ];
  if (!failed) records.push(spanRecord({ name: 'save order to db', spanId: 'a000000000000006', parentSpanId: 'a000000000000001', kind: 'CLIENT', start: 410, end: 425, attributes: { 'db.system.name': 'postgresql' } }));
  // Exporters send spans as they end: children first.
  return records.sort((a, b) => (BigInt(a.endTimeUnixNano!) < BigInt(b.endTimeUnixNano!) ? -1 : 1));
}

export interface BigTraceOptions {
  spans: number;
  seed?: number;
  /** Start of the root span, Unix ns. */
  startUnixNano?: bigint;
  /** Root duration in ms. */
  durationMs?: number;
}

const SERVICES = ['frontend', 'checkout', 'payments', 'inventory', 'shipping', 'email'];
const OPERATIONS = ['GET /api/cart', 'SELECT orders', 'charge card', 'reserve stock', 'publish event', 'render template', 'cache lookup', 'POST /v1/charges'];
const KINDS: SpanKindName[] = ['INTERNAL', 'CLIENT', 'SERVER', 'INTERNAL', 'PRODUCER', 'CONSUMER'];


function hex(rand: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(rand() * 0x100000000).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

export function generateBigTrace(options: BigTraceOptions): SpanRecord[] {
  const n = options.spans;
  const rand = seededRandom(options.seed ?? 42);
  const traceId = hex(rand, 32);
  const rootStart = options.startUnixNano ?? 1_764_000_000_000_000_000n;
  const rootNanos = BigInt(Math.round((options.durationMs ?? 2_000) * 1e6));

  const parent = new Int32Array(n).fill(-1);
  const service = new Uint8Array(n);
  const children: number[][] = Array.from({ length: n }, () => []);
  for (let i = 1; i < n; i++) {
    const p = Math.floor(rand() * i);
    parent[i] = p;
    children[p]!.push(i);
    // A child usually stays in its parent's service; a call to another service switches.
    service[i] = rand() < 0.2 ? Math.floor(rand() * SERVICES.length) : service[p]!;
  }

  // Intervals top-down: children split the parent's time into slots, with small gaps.
  const start = new Array<bigint>(n);
  const end = new Array<bigint>(n);
  start[0] = rootStart;
  end[0] = rootStart + rootNanos;
  for (let i = 0; i < n; i++) {
    const kids = children[i]!;
    if (kids.length === 0) continue;
    const total = end[i]! - start[i]!;
    const slot = total / BigInt(kids.length);
    kids.forEach((kid, k) => {
      const slotStart = start[i]! + slot * BigInt(k);
      const pad = (slot * BigInt(Math.floor(rand() * 20))) / 100n;
      start[kid] = slotStart + pad / 2n;
      end[kid] = slotStart + slot - pad / 2n;
    });
  }

  const resources = SERVICES.map((name) => ({ 'service.name': name, 'service.version': '1.4.2', 'deployment.environment.name': 'bench' }));
  const ids = Array.from({ length: n }, () => hex(rand, 16));
  const records: SpanRecord[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const error = i > 0 && rand() < 0.01;
    const attributes: Attributes = {
      'code.function': `handler${i % 97}`,
      'app.items': Math.floor(rand() * 10),
      'app.cache_hit': rand() < 0.5,
    };
    const record: SpanRecord = {
      traceId,
      spanId: ids[i]!,
      ...(parent[i]! >= 0 ? { parentSpanId: ids[parent[i]!]! } : {}),
      name: i === 0 ? 'POST /checkout' : `${OPERATIONS[i % OPERATIONS.length]} #${i}`,
      kind: i === 0 ? 'SERVER' : KINDS[i % KINDS.length]!,
      startTimeUnixNano: start[i]!.toString(),
      endTimeUnixNano: end[i]!.toString(),
      attributes,
      events: error
        ? [
            {
              name: 'exception',
              timeUnixNano: end[i]!.toString(),
              attributes: { 'exception.type': 'Error', 'exception.message': `failure in span ${i}`, 'exception.stacktrace': `Error: failure in span ${i}\n    at handler${i % 97} (main.ts:12:11)` },
            },
          ]
        : [],
      links: [],
      status: error ? { code: 'ERROR', message: `failure in span ${i}` } : { code: 'UNSET' },
      resource: resources[service[i]!]!,
      scope: { name: 'bench', version: '1.0.0' },
    };
    records[i] = record;
  }
  // Exporters send spans in the order they end: children before parents.
  return records.reverse();
}
