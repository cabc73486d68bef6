import { context, propagation, SpanKind } from '@opentelemetry/api';
import { fetch, type SandboxRequest, type SandboxResponseInit } from '@course/sandbox';
import { chargeCard, type PaymentRequest } from './payments.js';
import { checkoutTracer, paymentTracer } from './tracing.js';

// ---- checkout-service: the client side ----------------------------------------------------

export async function requestPayment(payment: PaymentRequest): Promise<string> {
  // TODO: wrap the call in a CLIENT span `POST payments` (checkoutTracer), and put the
  // traceparent header into `headers` while that span is active.
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const response = await fetch('http://payments.sandbox/payments', {
    method: 'POST',
    headers,
    body: JSON.stringify(payment),
  });
  const { paymentId } = (await response.json()) as { paymentId: string };
  return paymentId;
}

// ---- payment-service: the server side -----------------------------------------------------

export async function handlePayment(request: SandboxRequest): Promise<SandboxResponseInit> {
  // TODO: extract the caller's context from request.headers, and handle the request inside a
  // SERVER span `POST /payments` (paymentTracer) started in that context.
  const paymentId = await chargeCard(request.json() as PaymentRequest);
  return { status: 201, body: { paymentId } };
}

// Used once you add the spans.
void [context, propagation, SpanKind, checkoutTracer, paymentTracer];
