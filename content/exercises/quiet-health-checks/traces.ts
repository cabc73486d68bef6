// A minute of traffic at the gateway: 400 traces. Half are load balancer health checks
// (`GET /health`, a few milliseconds each, never failing); the rest are checkout requests, 8 of
// which fail. The same traces every time (a seeded generator).
import type { TraceData } from '#checks';

type Span = TraceData['spans'][number];

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seeded(61);
const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('');
const startOfMinute = 1_767_225_600_000; // 2026-01-01T00:00:00Z, in ms
const nanos = (ms: number) => (BigInt(Math.round(ms * 1000)) * 1000n).toString();

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
