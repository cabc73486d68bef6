import type { TranspileRequest, TranspileResponse } from './transpiler-worker.ts';
import type { TranspileResult } from './transpile.ts';

export interface Transpiler {
  transpile(files: Record<string, string>): Promise<TranspileResult>;
  /** Starts loading the compiler now, so that the first Run does not wait for it. */
  warm(): Promise<void>;
}

/** The page's side of the transpiler Worker: one Worker per tab, started on first use or `warm()`. */
export class WorkerTranspiler implements Transpiler {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, (result: TranspileResult) => void>();

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    this.ready = new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL('./transpiler-worker.ts', import.meta.url), { type: 'module', name: 'transpiler' });
      worker.onmessage = (event: MessageEvent<TranspileResponse>) => {
        if (event.data.id === 0) return resolve();
        this.waiting.get(event.data.id)?.(event.data.result);
        this.waiting.delete(event.data.id);
      };
      worker.onerror = (event) => reject(new Error(`The TypeScript compiler could not load: ${event.message}`));
      this.worker = worker;
    });
    return this.ready;
  }

  warm(): Promise<void> {
    return this.start();
  }

  async transpile(files: Record<string, string>): Promise<TranspileResult> {
    await this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker!.postMessage({ id, files } satisfies TranspileRequest);
    });
  }
}
