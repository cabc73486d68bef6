/// <reference lib="webworker" />
/**
 * A long-lived Worker that holds the TypeScript compiler (about 1 MB gzip), so that the page
 * stays light and the compiler loads once per tab, while the learner reads.
 */
import ts from 'typescript-classic';
import { transpileFiles } from './transpile.ts';
import { answerTranspileRequest, type TranspileRequest, type TranspilerMessage } from './transpiler-messages.ts';

declare const self: DedicatedWorkerGlobalScope;

/**
 * A small program through every step a Run's transpile takes (an import, types, an async
 * function lowered to a generator, a class, a source map), so that V8 compiles the compiler's
 * transpile path now: `ready` then means a Run's transpile is fast (about 100 ms less for the first).
 */
const WARM_UP = `import { trace, type Span } from '@opentelemetry/api';
export class Shop { constructor(private readonly name: string) {} }
export async function main(): Promise<void> {
  const span: Span = trace.getTracer('warm-up').startSpan('warm-up');
  for (const item of [1, 2]) await new Promise<number>((resolve) => setTimeout(() => resolve(item), 0));
  span.end();
}
`;

self.onmessage = (event: MessageEvent<TranspileRequest>) => {
  self.postMessage(answerTranspileRequest((files) => transpileFiles(ts, files), event.data));
};
try {
  transpileFiles(ts, { 'warm-up.ts': WARM_UP });
} catch {
  // Only a head start: a Run's own transpile says what is wrong, if anything is.
}
self.postMessage({ type: 'ready' } satisfies TranspilerMessage);
