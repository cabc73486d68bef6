// The payments gateway: a hand-written HTTP front end (no OpenTelemetry propagator), so it reads
// the caller's traceparent with your parseTraceparent() and continues the trace itself.
import { ROOT_CONTEXT, SpanKind, TraceFlags, trace, type Tracer } from '@opentelemetry/api';
import type { SandboxRequest } from '@course/sandbox';
import { parseTraceparent } from './traceparent.js';

export function gateway(tracer: Tracer) {
  return (request: SandboxRequest) => {
    const header = request.headers['traceparent'];
    const parsed = parseTraceparent(header);
    const parent = parsed
      ? trace.setSpanContext(ROOT_CONTEXT, {
          traceId: parsed.traceId,
          spanId: parsed.parentId,
          traceFlags: parsed.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
          isRemote: true,
        })
      : ROOT_CONTEXT;
    const decision = header === undefined ? 'absent' : parsed ? 'continued' : 'invalid';
    // With the default parent-based sampler, a caller that did not sample gets no span here either.
    const span = tracer.startSpan(
      'POST /charges',
      { kind: SpanKind.SERVER, attributes: { 'request.id': request.headers['x-request-id'] ?? '', 'gateway.traceparent': decision } },
      parent,
    );
    span.end();
    return { status: 201, body: { decision } };
  };
}
