import type { TranspileResult } from './transpile.ts';

/** What the page and the transpiler Worker say to each other. */
export interface TranspileRequest {
  id: number;
  files: Record<string, string>;
}

export type TranspilerMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: TranspileResult }
  /** The compiler threw on this request; the Worker itself keeps going. */
  | { type: 'failed'; id: number; error: string };

/** The Worker's answer to one request: a result, or what the compiler threw, never nothing. */
export function answerTranspileRequest(transpile: (files: Record<string, string>) => TranspileResult, request: TranspileRequest): TranspilerMessage {
  try {
    return { type: 'result', id: request.id, result: transpile(request.files) };
  } catch (error) {
    return { type: 'failed', id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
}
