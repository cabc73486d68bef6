// A minute of traffic at the gateway: 400 traces. Half are load balancer health checks
// (`GET /health`, a few milliseconds each, never failing); the rest are checkout requests, 8 of
// which fail. The same traces every time (a seeded generator).
import { createTraffic, type TraceData } from '#checks';

type Span = TraceData['spans'][number];

const { random, hex, nanos, startMs: startOfMinute } = createTraffic(61);

function root(route: string, startMs: number, durationMs: number, error: boolean): Span {
  return {
    traceId: hex(32),
    spanId: hex(16),
    name: `${route === '/health' ? 'GET' : 'POST'} ${route}`,
    kind: 'SERVER',
    startTimeUnixNano: nanos(startMs),
    endTimeUnixNano: nanos(startMs + durationMs),
    attributes: { 'http.route': route, 'http.request.method': route === '/health' ? 'GET' : 'POST' },
    events: [],
    links: [],
    status: error ? { code: 'ERROR', message: 'payment declined' } : { code: 'UNSET' },
    resource: { 'service.name': 'shop-api' },
    scope: { name: 'shop' },
  };
}

const failing = new Set([13, 71, 122, 190, 233, 288, 341, 377]);

export const traces: TraceData[] = Array.from({ length: 400 }, (_, i) => {
  const health = i % 2 === 0;
  const span = health ? root('/health', startOfMinute + i * 150, 2 + random() * 3, false) : root('/checkout', startOfMinute + i * 150, 40 + random() * 200, failing.has(i));
  return { traceId: span.traceId, spans: [{ ...span }] };
});
