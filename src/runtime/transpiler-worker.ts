/// <reference lib="webworker" />
/**
 * A long-lived Worker that holds the TypeScript compiler (about 1 MB gzip), so that the page
 * stays light and the compiler loads once per tab, while the learner reads.
 */
import ts from 'typescript-classic';
import { transpileFiles } from './transpile.ts';
import { answerTranspileRequest, type TranspileRequest, type TranspilerMessage } from './transpiler-messages.ts';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<TranspileRequest>) => {
  self.postMessage(answerTranspileRequest((files) => transpileFiles(ts, files), event.data));
};
self.postMessage({ type: 'ready' } satisfies TranspilerMessage);
