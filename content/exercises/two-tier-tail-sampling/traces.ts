// A minute of shop traffic as the gateway tier receives it: 300 traces of checkout requests
// through shop-api and payments. 6 fail in payments, 15 are slow (over 500 ms); the checks run
// these traces through your tail_sampling policies. The same traces every time (a seeded
// generator), so the same configuration always gets the same result.
import { createTraffic, type TraceData } from '#checks';

type Span = TraceData['spans'][number];

const { random, hex, nanos, startMs: startOfMinute } = createTraffic(2026);

function span(traceId: string, name: string, service: string, startMs: number, durationMs: number, parent: string | undefined, error = false): Span {
  return {
    traceId,
    spanId: hex(16),
    ...(parent === undefined ? {} : { parentSpanId: parent }),
    name,
    kind: parent === undefined ? 'SERVER' : 'CLIENT',
    startTimeUnixNano: nanos(startMs),
    endTimeUnixNano: nanos(startMs + durationMs),
    attributes: parent === undefined ? { 'http.request.method': 'POST', 'http.route': '/checkout' } : {},
    events: [],
    links: [],
    status: error ? { code: 'ERROR', message: 'card declined' } : { code: 'UNSET' },
    resource: { 'service.name': service },
    scope: { name: 'shop' },
  };
}

function checkoutTrace(index: number, kind: 'ok' | 'error' | 'slow'): TraceData {
  const traceId = hex(32);
  const start = startOfMinute + index * 200 + random() * 150;
  const total = kind === 'slow' ? 600 + random() * 1400 : 40 + random() * 160;
  const root = span(traceId, 'POST /checkout', 'shop-api', start, total, undefined);
  const charge = span(traceId, 'charge card', 'shop-api', start + 5, total * 0.6, root.spanId);
  // The error is recorded in the payments service, not in shop-api's spans.
  const payments = span(traceId, 'POST /payments', 'payments', start + 7, total * 0.55, charge.spanId, kind === 'error');
  const save = span(traceId, 'save order', 'shop-api', start + total * 0.7, total * 0.25, root.spanId);
  return { traceId, spans: [charge, payments, save, root] };
}

const errors = new Set([17, 58, 101, 166, 230, 281]);
const slow = new Set([9, 33, 47, 80, 94, 120, 138, 150, 177, 199, 210, 244, 259, 270, 297]);

export const traces: TraceData[] = Array.from({ length: 300 }, (_, i) => checkoutTrace(i, errors.has(i) ? 'error' : slow.has(i) ? 'slow' : 'ok'));
