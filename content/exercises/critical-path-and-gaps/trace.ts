import { createTrace } from '#checks';

/**
 * A product page that asks four services at once and waits for the slowest: only the reviews
 * branch is on the critical path, and inside the reviews service 90 ms pass with no span.
 */
export function productPage() {
  const t = createTrace({ seed: 2718 });
  const root = t.span({ name: 'GET /products/:id', service: 'web-bff', kind: 'SERVER', startMs: 0, durationMs: 292, attributes: { 'http.route': '/products/:id', 'product.id': 'sku_4410' } });
  t.span({ name: 'check session', service: 'web-bff', parent: root, startMs: 1, durationMs: 8 });
  const call = (name: string, service: string, start: number, duration: number) => {
    const client = t.span({ name, service: 'web-bff', kind: 'CLIENT', parent: root, startMs: start, durationMs: duration, attributes: { 'server.address': service } });
    return t.span({ name, service, kind: 'SERVER', parent: client, startMs: start + 2, durationMs: duration - 4 });
  };
  const catalog = call('GET /catalog/:sku', 'catalog', 10, 80);
  t.span({ name: 'SELECT product', service: 'catalog', kind: 'CLIENT', parent: catalog, startMs: 15, durationMs: 65, attributes: { 'db.system.name': 'postgresql' } });
  const pricing = call('GET /prices/:sku', 'pricing', 10, 50);
  t.span({ name: 'GET price', service: 'pricing', kind: 'CLIENT', parent: pricing, startMs: 14, durationMs: 4, attributes: { 'db.system.name': 'redis' } });
  const reviews = call('GET /reviews/:sku', 'reviews', 10, 160);
  t.span({ name: 'SELECT reviews', service: 'reviews', kind: 'CLIENT', parent: reviews, startMs: 20, durationMs: 40, attributes: { 'db.system.name': 'postgresql' } });
  t.span({ name: 'SET review summary', service: 'reviews', kind: 'CLIENT', parent: reviews, startMs: 150, durationMs: 10, attributes: { 'db.system.name': 'redis' } });
  const recommendations = call('GET /recommendations', 'recommendations', 172, 58);
  t.span({ name: 'score candidates', service: 'recommendations', parent: recommendations, startMs: 180, durationMs: 44 });
  t.span({ name: 'render page', service: 'web-bff', parent: root, startMs: 232, durationMs: 18 });
  return t.records();
}
