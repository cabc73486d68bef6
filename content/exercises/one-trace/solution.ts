import { SpanKind, trace } from '@opentelemetry/api';
import { fetchCustomer, fetchOrder, renderInvoice, type Customer, type Order, type Request } from './store.js';

const tracer = trace.getTracer('order-service', '1.0.0');

/** Handles `GET /orders/:id`: loads the order and the customer at the same time, then renders. */
export function getOrder(req: Request): Promise<string> {
  const options = {
    kind: SpanKind.SERVER,
    // The route template in the name and in `http.route`; the concrete id only in an attribute.
    attributes: { 'http.request.method': req.method, 'http.route': req.route, 'order.id': req.params.id },
  };
  // Active: every span started inside the callback, even after `await`, is its child.
  return tracer.startActiveSpan(`${req.method} ${req.route}`, options, async (span) => {
    try {
      const [order, customer] = await Promise.all([loadOrder(req.params.id), loadCustomer(req.customerId)]);
      return await render(order, customer);
    } finally {
      span.end();
    }
  });
}

// The steps create no spans of their own, so `startSpan` is enough: it takes the active span
// (the request) as its parent.
async function loadOrder(id: string): Promise<Order> {
  const span = tracer.startSpan('load order');
  try {
    return await fetchOrder(id);
  } finally {
    span.end();
  }
}

async function loadCustomer(id: string): Promise<Customer> {
  const span = tracer.startSpan('load customer');
  try {
    return await fetchCustomer(id);
  } finally {
    span.end();
  }
}

async function render(order: Order, customer: Customer): Promise<string> {
  const span = tracer.startSpan('render invoice');
  try {
    return await renderInvoice(order, customer);
  } finally {
    span.end();
  }
}
