import { context, propagation, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { fetch, type SandboxRequest, type SandboxResponseInit } from '@course/sandbox';
import { chargeCard, type PaymentRequest } from './payments.js';
import { checkoutTracer, paymentTracer } from './tracing.js';

// ---- checkout-service: the client side ----------------------------------------------------

export function requestPayment(payment: PaymentRequest): Promise<string> {
  return checkoutTracer.startActiveSpan('POST payments', { kind: SpanKind.CLIENT }, async (span) => {
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      // The CLIENT span is active here, so the traceparent names it as the parent.
      propagation.inject(context.active(), headers);
      const response = await fetch('http://payments.sandbox/payments', {
        method: 'POST',
        headers,
        body: JSON.stringify(payment),
      });
      span.setAttribute('http.response.status_code', response.status);
      if (!response.ok) span.setStatus({ code: SpanStatusCode.ERROR });
      const { paymentId } = (await response.json()) as { paymentId: string };
      return paymentId;
    } finally {
      span.end();
    }
  });
}

// ---- payment-service: the server side -----------------------------------------------------

export function handlePayment(request: SandboxRequest): Promise<SandboxResponseInit> {
  // The caller's span context, from the traceparent header.
  const parent = propagation.extract(context.active(), request.headers);
  return paymentTracer.startActiveSpan('POST /payments', { kind: SpanKind.SERVER }, parent, async (span) => {
    try {
      const paymentId = await chargeCard(request.json() as PaymentRequest);
      span.setAttribute('http.response.status_code', 201);
      return { status: 201, body: { paymentId } };
    } finally {
      span.end();
    }
  });
}
