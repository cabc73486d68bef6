import { trace } from '@opentelemetry/api';
import { fetchCustomer, fetchOrder, renderInvoice, type Customer, type Order, type Request } from './store.js';

const tracer = trace.getTracer('order-service', '1.0.0');

/** Handles `GET /orders/:id`: loads the order and the customer at the same time, then renders. */
export async function getOrder(req: Request): Promise<string> {
  const span = tracer.startSpan(`GET /orders/${req.params.id}`);
  try {
    const [order, customer] = await Promise.all([loadOrder(req.params.id), loadCustomer(req.customerId)]);
    return await render(order, customer);
  } finally {
    span.end();
  }
}

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
  const span = tracer.startSpan('render invoice', { root: true });
  try {
    return await renderInvoice(order, customer);
  } finally {
    span.end();
  }
}
