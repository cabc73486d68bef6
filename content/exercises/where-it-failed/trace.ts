import { createTrace, type TraceBuilder } from '#checks';

/**
 * One failed order through six services, about 230 spans: 40 cart items checked, priced and
 * reserved one by one, a stock lookup that fails once and succeeds on retry (an error that did
 * not fail the order), and a payment that fails deep inside the payments service and is
 * reported as an error by every span above it. Seeded: the same trace on every build.
 */
const ITEMS = 40;

function checkStock(t: TraceBuilder, parent: string, at: number, sku: string, failFirst: boolean): number {
  let start = at;
  for (let attempt = 1; attempt <= (failFirst ? 2 : 1); attempt++) {
    const failed = failFirst && attempt === 1;
    const took = failed ? 30 : t.between(6, 11);
    const client = t.span({ name: 'GET /stock/:sku', service: 'checkout', kind: 'CLIENT', parent, startMs: start, durationMs: took, status: failed ? 'ERROR' : 'UNSET', message: failed ? '503 Service Unavailable' : undefined, attributes: { 'http.request.method': 'GET', 'server.address': 'inventory', 'http.response.status_code': failed ? 503 : 200, 'product.sku': sku, 'http.request.resend_count': attempt - 1 } });
    const server = t.span({ name: 'GET /stock/:sku', service: 'inventory', kind: 'SERVER', parent: client, startMs: start + 1, durationMs: took - 2, status: failed ? 'ERROR' : 'UNSET', message: failed ? 'connection pool exhausted' : undefined, attributes: { 'http.route': '/stock/:sku', 'product.sku': sku } });
    if (!failed) t.span({ name: 'SELECT stock', service: 'inventory', kind: 'CLIENT', parent: server, startMs: start + 2, durationMs: took - 4, attributes: { 'db.system.name': 'postgresql', 'db.query.text': 'SELECT available FROM stock WHERE sku = $1' } });
    // The client waits 20 ms before it tries again.
    start += took + (failed ? 20 : 1);
  }
  return start;
}

function payment(t: TraceBuilder, parent: string, at: number): number {
  const call = t.span({ name: 'POST /charges', service: 'checkout', kind: 'CLIENT', parent, startMs: at, durationMs: 612, status: 'ERROR', message: '502 Bad Gateway', attributes: { 'server.address': 'payments', 'http.response.status_code': 502 } });
  const server = t.span({ name: 'POST /charges', service: 'payments', kind: 'SERVER', parent: call, startMs: at + 2, durationMs: 608, status: 'ERROR', message: 'charge failed', attributes: { 'http.route': '/charges', 'http.response.status_code': 502 } });
  const fraud = t.span({ name: 'POST /score', service: 'fraud-check', kind: 'SERVER', parent: server, startMs: at + 4, durationMs: 96 });
  for (const [i, rule] of ['velocity', 'geo-mismatch', 'card-testing', 'device-reputation', 'amount-outlier', 'blocklist'].entries()) {
    t.span({ name: `rule ${rule}`, service: 'fraud-check', parent: fraud, startMs: at + 6 + i * 15, durationMs: t.between(8, 13) });
  }
  t.span({ name: 'SELECT customer', service: 'payments', kind: 'CLIENT', parent: server, startMs: at + 102, durationMs: 14, attributes: { 'db.system.name': 'postgresql' } });
  const authorize = t.span({ name: 'authorize card', service: 'payments', parent: server, startMs: at + 118, durationMs: 430 });
  t.span({ name: 'POST /v1/authorizations', service: 'payments', kind: 'CLIENT', parent: authorize, startMs: at + 120, durationMs: 425, attributes: { 'server.address': 'api.card-network.example', 'http.response.status_code': 200 } });
  const ledger = t.span({ name: 'record charge', service: 'payments', parent: server, startMs: at + 550, durationMs: 56, status: 'ERROR', message: 'could not record the charge', exception: { type: 'LedgerError', message: 'could not record the charge' } });
  t.span({ name: 'BEGIN', service: 'payments', kind: 'CLIENT', parent: ledger, startMs: at + 551, durationMs: 2, attributes: { 'db.system.name': 'postgresql' } });
  t.span({ name: 'UPDATE ledger', service: 'payments', kind: 'CLIENT', parent: ledger, startMs: at + 554, durationMs: 48, status: 'ERROR', message: 'deadlock detected', exception: { type: 'DatabaseError', message: 'deadlock detected' }, attributes: { 'db.system.name': 'postgresql', 'db.response.status_code': '40P01', 'db.query.text': 'UPDATE ledger SET balance = balance + $1 WHERE account = $2' } });
  t.span({ name: 'ROLLBACK', service: 'payments', kind: 'CLIENT', parent: ledger, startMs: at + 603, durationMs: 2, attributes: { 'db.system.name': 'postgresql' } });
  return at + 612;
}

function checkout(t: TraceBuilder, parent: string, at: number): number {
  const server = t.span({ name: 'POST /checkout', service: 'checkout', kind: 'SERVER', parent, startMs: at, durationMs: 0, status: 'ERROR' });
  const skus = Array.from({ length: ITEMS }, (_, i) => `sku_${(4100 + i * 37).toString()}`);
  const stock = t.span({ name: 'check stock', service: 'checkout', parent: server, startMs: at + 2, durationMs: 0 });
  let now = at + 3;
  skus.forEach((sku, i) => (now = checkStock(t, stock, now, sku, i === 17)));
  t.end(stock, now);
  const pricing = t.span({ name: 'price items', service: 'checkout', parent: server, startMs: now + 1, durationMs: 0 });
  // The prices are computed in a loop with synchronous currency conversion in between: most of
  // this span's time is its own, spread thinly between 30 short children.
  now += 2;
  for (const sku of skus) {
    t.span({ name: 'compute price', service: 'checkout', parent: pricing, startMs: now, durationMs: 2, attributes: { 'product.sku': sku } });
    now += 2 + t.between(15, 21);
  }
  t.end(pricing, now);
  const reserve = t.span({ name: 'POST /reservations', service: 'checkout', kind: 'CLIENT', parent: server, startMs: now + 1, durationMs: 0, attributes: { 'server.address': 'inventory' } });
  const inventory = t.span({ name: 'POST /reservations', service: 'inventory', kind: 'SERVER', parent: reserve, startMs: now + 2, durationMs: 0 });
  now += 3;
  for (const sku of skus) {
    const took = t.between(2, 4);
    t.span({ name: 'UPDATE stock', service: 'inventory', kind: 'CLIENT', parent: inventory, startMs: now, durationMs: took, attributes: { 'db.system.name': 'postgresql', 'product.sku': sku } });
    now += took;
  }
  t.end(inventory, now + 1);
  t.end(reserve, now + 2);
  now = payment(t, server, now + 6);
  t.end(server, now + 3);
  return now + 3;
}

export function failedOrder() {
  const t = createTrace({ seed: 31337 });
  const root = t.span({ name: 'POST /api/orders', service: 'api-gateway', kind: 'SERVER', startMs: 0, durationMs: 0, status: 'ERROR', message: '502 Bad Gateway' });
  t.span({ name: 'authenticate', service: 'api-gateway', parent: root, startMs: 1, durationMs: 9 });
  t.span({ name: 'rate limit', service: 'api-gateway', parent: root, startMs: 10, durationMs: 2 });
  const proxy = t.span({ name: 'POST /checkout', service: 'api-gateway', kind: 'CLIENT', parent: root, startMs: 13, durationMs: 0, status: 'ERROR', message: '500 Internal Server Error' });
  const end = checkout(t, proxy, 15);
  t.end(proxy, end + 2);
  t.end(root, end + 4);
  return t.records();
}
