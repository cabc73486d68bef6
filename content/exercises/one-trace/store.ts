// The order service's data access and templates. Short waits stand in for real work. Each one
// tells the sandbox what it did and when (`work()`), so the checks can see which span was active.
import { work } from '@course/sandbox';

export interface Order {
  id: string;
  customerId: string;
  lines: Array<{ sku: string; quantity: number; price: number }>;
}

export interface Customer {
  id: string;
  name: string;
}

/** What the router hands the handler once it has matched `GET /orders/:id`. */
export interface Request {
  method: 'GET';
  /** The route template that matched. */
  route: '/orders/:id';
  /** The values the router parsed out of the path. */
  params: { id: string };
  /** The signed-in customer, from the session cookie. */
  customerId: string;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A query on the orders database. */
export function fetchOrder(id: string): Promise<Order> {
  return work('fetchOrder', async () => {
    await wait(6);
    return { id, customerId: 'cus_77', lines: [{ sku: 'tee-s', quantity: 2, price: 19.5 }] };
  });
}

/** A call to the customer service. */
export function fetchCustomer(id: string): Promise<Customer> {
  return work('fetchCustomer', async () => {
    await wait(4);
    return { id, name: 'Ada' };
  });
}

/** Renders the invoice the page shows. */
export function renderInvoice(order: Order, customer: Customer): Promise<string> {
  return work('renderInvoice', async () => {
    await wait(2);
    const total = order.lines.reduce((sum, line) => sum + line.quantity * line.price, 0);
    return `Invoice ${order.id} for ${customer.name}: ${total.toFixed(2)} EUR`;
  });
}
