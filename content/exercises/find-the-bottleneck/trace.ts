import { createTrace } from '#checks';

/**
 * A slow checkout, 520 ms: most of it is spent inside the payments service, in its own code
 * (the `POST /charges` server span), not in the longest span or in a database call.
 */
export function slowCheckout() {
  const t = createTrace({ seed: 1042 });
  const root = t.span({ name: 'POST /checkout', service: 'checkout', kind: 'SERVER', startMs: 0, durationMs: 520, attributes: { 'http.request.method': 'POST', 'http.route': '/checkout', 'http.response.status_code': 200 } });
  t.span({ name: 'auth middleware', service: 'checkout', parent: root, startMs: 2, durationMs: 12 });
  t.span({ name: 'GET cart', service: 'checkout', kind: 'CLIENT', parent: root, startMs: 15, durationMs: 11, attributes: { 'db.system.name': 'redis', 'db.operation.name': 'GET' } });
  t.span({ name: 'calculate shipping', service: 'checkout', parent: root, startMs: 27, durationMs: 13, attributes: { 'cart.items': 3 } });
  const charge = t.span({ name: 'charge payment', service: 'checkout', parent: root, startMs: 42, durationMs: 410, attributes: { 'order.id': 'ord_8412', 'payment.amount_cents': 12900 } });
  const call = t.span({ name: 'POST /charges', service: 'checkout', kind: 'CLIENT', parent: charge, startMs: 44, durationMs: 404, attributes: { 'http.request.method': 'POST', 'server.address': 'payments', 'http.response.status_code': 201 } });
  const server = t.span({ name: 'POST /charges', service: 'payments', kind: 'SERVER', parent: call, startMs: 47, durationMs: 396, attributes: { 'http.request.method': 'POST', 'http.route': '/charges', 'http.response.status_code': 201 } });
  t.span({ name: 'fraud score', service: 'payments', parent: server, startMs: 50, durationMs: 38 });
  t.span({ name: 'SELECT customer', service: 'payments', kind: 'CLIENT', parent: server, startMs: 90, durationMs: 16, attributes: { 'db.system.name': 'postgresql', 'db.query.text': 'SELECT * FROM customers WHERE id = $1' } });
  t.span({ name: 'INSERT charge', service: 'payments', kind: 'CLIENT', parent: server, startMs: 418, durationMs: 21, attributes: { 'db.system.name': 'postgresql', 'db.query.text': 'INSERT INTO charges (...) VALUES (...)' } });
  t.span({ name: 'INSERT order', service: 'checkout', kind: 'CLIENT', parent: root, startMs: 455, durationMs: 15, attributes: { 'db.system.name': 'postgresql', 'db.query.text': 'INSERT INTO orders (...) VALUES (...)' } });
  t.span({ name: 'send confirmation', service: 'checkout', kind: 'PRODUCER', parent: root, startMs: 472, durationMs: 8, attributes: { 'messaging.system': 'rabbitmq', 'messaging.destination.name': 'emails' } });
  return t.records();
}
