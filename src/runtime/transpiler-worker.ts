/// <reference lib="webworker" />
/**
 * A long-lived Worker that holds the TypeScript compiler (about 1 MB gzip), so that the page
 * stays light and the compiler loads once per tab, while the learner reads.
 */
import ts from 'typescript-classic';
import { transpileFiles, type TranspileResult } from './transpile.ts';

declare const self: DedicatedWorkerGlobalScope;

export interface TranspileRequest {
  id: number;
  files: Record<string, string>;
}
export interface TranspileResponse {
  id: number;
  result: TranspileResult;
}

self.onmessage = (event: MessageEvent<TranspileRequest>) => {
  const { id, files } = event.data;
  self.postMessage({ id, result: transpileFiles(ts, files) } satisfies TranspileResponse);
};
self.postMessage({ id: 0, result: { files: {}, errors: [] } } satisfies TranspileResponse);
