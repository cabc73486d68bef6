import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { shouldKeep } from './policy.js';
import { completedTraces, type CompletedTrace } from './traces.js';

// shop-api exports every span (no head sampling) into the tail sampler's buffer.
const buffer = new InMemorySpanExporter();
const shop = new TracerProvider({
  resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'shop-api' }),
  spanProcessors: [new SimpleSpanProcessor({ exporter: buffer })],
}).getTracer('shop-api');
// The collectors' own spans, one per decision. Parents are passed explicitly: this program
// registers no context manager.
const sampler = new TracerProvider({ resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'tail-sampler' }) }).getTracer('tail-sampler');

/** One request of a past minute of traffic, with explicit times (nobody waits for it). */
function recordRequest(i: number, start: number): void {
  const failed = i % 50 === 7; // 6 of 300 requests fail
  const slow = i % 20 === 3; // 15 of 300 take 600 ms or more
  const ms = slow ? 600 + (i % 7) * 150 : 20 + ((i * 37) % 250);
  const root = shop.startSpan('GET /orders', { kind: SpanKind.SERVER, startTime: start }, ROOT_CONTEXT);
  const inRoot = trace.setSpan(ROOT_CONTEXT, root);
  const query = shop.startSpan('SELECT orders', { kind: SpanKind.CLIENT, startTime: start + 2 }, inRoot);
  if (failed) query.setStatus({ code: SpanStatusCode.ERROR, message: 'connection reset' });
  query.end(start + ms - 2);
  root.end(start + ms);
}

/** Asks the policy and records its decision as a span. */
function decide(completed: CompletedTrace, parent: Context): boolean {
  const kept = shouldKeep({ ...completed }) === true;
  sampler
    .startSpan(
      'tail-sampling decision',
      {
        attributes: {
          'trace.id': completed.traceId,
          'trace.kept': kept,
          'trace.error': completed.hasError,
          'trace.slow': completed.durationMs > 500,
        },
      },
      parent,
    )
    .end();
  return kept;
}

export async function main(): Promise<void> {
  const minuteAgo = Date.now() - 60_000;
  for (let i = 0; i < 300; i++) recordRequest(i, minuteAgo + i * 150);
  const traces = completedTraces(buffer.getFinishedSpans());

  // Two Collector instances judge the same traces, as a decision made again (a late span, a
  // restarted instance) would; the second sees them in another order, as traces arrive in any
  // order. The trace-id rule gives the same answer every time.
  for (const instance of ['collector-1', 'collector-2']) {
    const span = sampler.startSpan(`tail_sampling ${instance}`, {}, ROOT_CONTEXT);
    const arrived = instance === 'collector-1' ? traces : [...traces].reverse();
    const kept = arrived.filter((t) => decide(t, trace.setSpan(ROOT_CONTEXT, span)));
    const count = (f: (t: CompletedTrace) => boolean) => `${kept.filter(f).length} of ${traces.filter(f).length}`;
    console.log(
      `${instance} kept ${kept.length} of ${traces.length} traces: ${count((t) => t.hasError)} with an error, ` +
        `${count((t) => !t.hasError && t.durationMs > 500)} slow, ${count((t) => !t.hasError && t.durationMs <= 500)} others`,
    );
    span.end();
  }
}
