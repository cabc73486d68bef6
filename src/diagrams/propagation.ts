/**
 * The data of a propagation diagram: services in call order, each with the spans it records,
 * and the `traceparent` header that each hop carries, derived from the spans (never typed in
 * by hand, so the picture cannot contradict itself: the parent-id of a hop is the span ID of
 * the CLIENT span that sent it, and the receiver's SERVER span records it as its parent).
 */

export type PropagationSpanKind = 'server' | 'client' | 'internal';

/** A span as a lesson lists it: a service's spans run from its entry span down to its call out. */
export interface PropagationSpanInput {
  name: string;
  /** 16 lowercase hex digits. */
  id: string;
  kind?: PropagationSpanKind;
}

export interface PropagationServiceInput {
  name: string;
  spans: PropagationSpanInput[];
}

export interface PropagationInput {
  /** 32 lowercase hex digits, not all zeros. */
  traceId: string;
  services: PropagationServiceInput[];
  /** The sampled flag of every hop (default true: `01`). */
  sampled?: boolean;
}

export interface TraceparentParts {
  version: string;
  traceId: string;
  parentId: string;
  flags: string;
}

export interface PropagationSpan extends Required<PropagationSpanInput> {
  /** The parent's span ID; absent on the root span of the trace. */
  parentId?: string;
  /** The parent's name, for the text alternative. */
  parentName?: string;
}

export interface PropagationHop {
  /** The CLIENT span that sent the request, e.g. `POST /payments`. */
  request: string;
  to: string;
  header: string;
  parts: TraceparentParts;
}

export interface PropagationStep {
  service: string;
  /** Index into the `--service-N` palette. */
  colour: number;
  spans: PropagationSpan[];
  /** The request this service sends to the next one; absent on the last service. */
  outgoing?: PropagationHop;
}

const SPAN_ID = /^[0-9a-f]{16}$/;
const TRACE_ID = /^[0-9a-f]{32}$/;

export function formatTraceparent(parts: TraceparentParts): string {
  return `${parts.version}-${parts.traceId}-${parts.parentId}-${parts.flags}`;
}

/** Validates what a lesson wrote and computes each hop's header; errors name the field. */
export function layoutPropagation(input: PropagationInput): PropagationStep[] {
  const where = '<PropagationDiagram>';
  if (!TRACE_ID.test(input.traceId) || /^0+$/.test(input.traceId)) {
    throw new Error(`${where}: traceId must be 32 lowercase hex digits, not all zeros (got "${input.traceId}")`);
  }
  if (!Array.isArray(input.services) || input.services.length < 2) throw new Error(`${where}: services must list at least two services, in call order`);
  const flags = input.sampled === false ? '00' : '01';
  const seen = new Set<string>();
  const steps: PropagationStep[] = [];
  let caller: PropagationSpan | undefined;

  input.services.forEach((service, s) => {
    const at = `${where} service ${s + 1} ("${service?.name}")`;
    if (typeof service?.name !== 'string' || !service.name) throw new Error(`${where} service ${s + 1}: name is required`);
    if (!Array.isArray(service.spans) || service.spans.length === 0) throw new Error(`${at}: spans must be a non-empty array`);
    const spans: PropagationSpan[] = service.spans.map((span, i) => {
      const spanAt = `${at} span ${i + 1} ("${span?.name}")`;
      if (typeof span?.name !== 'string' || !span.name) throw new Error(`${spanAt}: name is required`);
      if (!SPAN_ID.test(span.id) || /^0+$/.test(span.id)) throw new Error(`${spanAt}: id must be 16 lowercase hex digits, not all zeros`);
      if (seen.has(span.id)) throw new Error(`${spanAt}: id ${span.id} is used twice; every span has its own`);
      seen.add(span.id);
      const parent: PropagationSpan | undefined = caller;
      const laid: PropagationSpan = {
        name: span.name,
        id: span.id,
        kind: span.kind ?? 'internal',
        ...(parent ? { parentId: parent.id, parentName: parent.name } : {}),
      };
      caller = laid;
      return laid;
    });
    if (s > 0 && spans[0]!.kind !== 'server') throw new Error(`${at}: its first span receives the request, so its kind must be "server"`);
    const last = spans[spans.length - 1]!;
    const isLast = s === input.services.length - 1;
    if (!isLast && last.kind !== 'client') throw new Error(`${at}: its last span sends the request to the next service, so its kind must be "client"`);
    const parts: TraceparentParts = { version: '00', traceId: input.traceId, parentId: last.id, flags };
    steps.push({
      service: service.name,
      colour: s % 6,
      spans,
      ...(isLast ? {} : { outgoing: { request: last.name, to: input.services[s + 1]!.name, header: formatTraceparent(parts), parts } }),
    });
  });
  return steps;
}
