/**
 * Runs an exercise's compiled files as a plain Node program: `node runner.cjs <entry.js> <out.json> [seed]`.
 * Nothing is registered for the program (no tracer provider, context manager or propagator). The
 * only addition is a processor with an `InMemorySpanExporter`, added to every tracer provider the
 * program creates, the way the sandbox adds its capture processor: the SDK's provider classes are
 * wrapped when the program requires them (as OpenTelemetry's own instrumentations hook `require`).
 * When the program's `main` has finished, the exported spans are written to `<out.json>` as records.
 */
import { TraceFlags, type Context } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { packagesWithCapture } from '../../../sandboxes/harness/providers.ts';
import { seededRandom } from '../../../sandboxes/wire/seeded-random.ts';
import { spanRecordFromReadableSpan } from '../../../sandboxes/wire/readable-span.ts';
import { entryFunction } from '../../../sandboxes/wire/entry.ts';

export interface PlainNodeOutput {
  spans: ReturnType<typeof spanRecordFromReadableSpan>[];
  error?: string;
}

const [entry, out, seed] = process.argv.slice(2) as [string, string, string | undefined];

const exporter = new InMemorySpanExporter();
const simple = new SimpleSpanProcessor({ exporter });

/**
 * One processor shared by every provider: a program that shuts its provider down (to flush)
 * must not stop the collection of the spans of its other providers.
 */
class CollectSpans implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    simple.onStart(span, parentContext);
  }
  onEnd(span: ReadableSpan): void {
    simple.onEnd(span);
  }
  forceFlush(): Promise<void> {
    return simple.forceFlush();
  }
  shutdown(): Promise<void> {
    return simple.forceFlush();
  }
}
const collect = new CollectSpans();

const SDK_PACKAGES = new Set(['@opentelemetry/sdk-trace', '@opentelemetry/sdk-trace-base', '@opentelemetry/sdk-trace-node', '@opentelemetry/sdk-trace-web']);
const wrappedPackages = new Map<string, object>();
const moduleProto = Module.prototype as unknown as { require(this: unknown, id: string): unknown };
const originalRequire = moduleProto.require;
moduleProto.require = function require(this: unknown, id: string): unknown {
  const real = originalRequire.call(this, id);
  if (!SDK_PACKAGES.has(id)) return real;
  let wrapped = wrappedPackages.get(id);
  if (!wrapped) {
    wrapped = packagesWithCapture({ [id]: real as object }, collect, () => undefined)[id]!;
    wrappedPackages.set(id, wrapped);
  }
  return wrapped;
};

// Only to tell, in a second and third run, whether the trace depends on chance (random ids).
if (seed !== undefined) Math.random = seededRandom(Number(seed));

const write = (output: PlainNodeOutput) => fs.writeFileSync(out, JSON.stringify(output));

async function run(): Promise<void> {
  let error: string | undefined;
  try {
    const exports: unknown = require(path.resolve(entry));
    await entryFunction(exports)?.();
  } catch (thrown) {
    error = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  }
  // Spans ended in a timer that fired with the last await still count, as in the sandbox.
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  await collect.forceFlush();
  const spans = exporter
    .getFinishedSpans()
    .filter((s) => (s.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0)
    .map(spanRecordFromReadableSpan);
  write(error === undefined ? { spans } : { spans, error });
  // Servers the program started must not keep it alive.
  process.exit(0);
}

void run();
