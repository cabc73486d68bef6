import { holdForCompiler } from './compiler-priority.ts';
import type { TranspileResult } from './transpile.ts';
import type { TranspileRequest, TranspilerMessage } from './transpiler-messages.ts';

export interface Transpiler {
  transpile(files: Record<string, string>): Promise<TranspileResult>;
  /** Starts loading the compiler now, so that the first Run does not wait for it. */
  warm(): Promise<void>;
  /**
   * For a Run that is waiting: ready as soon as any compiler this page could use is, even if
   * that means starting a second one (`warm()` by default).
   */
  warmNow?(): Promise<void>;
  /** Drops a compiler that stopped answering: what waits on it fails, and the next use starts a fresh one. */
  reset?(): void;
  /** The files compiled at build time, when every one of them was; no compiler is loaded for it. */
  precompiled?(files: Record<string, string>): Promise<TranspileResult | undefined>;
}

/** The subset of `Worker` used here, so that tests can hand in a fake. */
export type TranspilerWorker = Pick<Worker, 'postMessage' | 'terminate' | 'onmessage' | 'onerror' | 'onmessageerror'>;

const createTranspilerWorker = (): TranspilerWorker =>
  new Worker(new URL('./transpiler-worker.ts', import.meta.url), { type: 'module', name: 'transpiler' });

/** How long the page's start-up work stays held after the compiler's last answer or its load. */
const HOLD_GRACE_MS = 250;

interface Pending {
  resolve(result: TranspileResult): void;
  reject(error: Error): void;
}

/**
 * The page's side of the transpiler Worker: one Worker per tab, started on first use or `warm()`.
 * Whatever happens to the Worker, every request ends: when it fails to load, dies or is reset,
 * every request still waiting is rejected with the reason, and the next request starts a new one.
 * While it loads or compiles, other start-up work of the page waits (`compiler-priority.ts`).
 */
export class WorkerTranspiler implements Transpiler {
  private worker: TranspilerWorker | undefined;
  private ready: Promise<void> | undefined;
  private loading = false;
  private release: (() => void) | undefined;
  private grace: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly createWorker: () => TranspilerWorker;

  constructor(createWorker: () => TranspilerWorker = createTranspilerWorker) {
    this.createWorker = createWorker;
  }

  /**
   * Holds the page's other start-up work while this Worker loads or has a request to answer, and
   * a moment after: the Run that waited for the load sends its request once it hears `ready`.
   */
  private holdWhileBusy(graceMs = HOLD_GRACE_MS): void {
    clearTimeout(this.grace);
    if (this.loading || this.pending.size > 0) {
      this.release ??= holdForCompiler();
      return;
    }
    const release = this.release;
    if (!release) return;
    const end = () => {
      if (this.release !== release) return;
      this.release = undefined;
      release();
    };
    if (graceMs > 0) this.grace = setTimeout(end, graceMs);
    else end();
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = this.createWorker();
    this.worker = worker;
    this.loading = true;
    this.holdWhileBusy();
    this.ready = new Promise<void>((resolve, reject) => {
      let loaded = false;
      worker.onmessage = (event: MessageEvent<TranspilerMessage>) => {
        const message = event.data;
        if (message.type === 'ready') {
          loaded = true;
          this.loading = false;
          resolve();
          // A request sent while it loaded keeps the hold until it is answered.
          return this.holdWhileBusy();
        }
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        this.holdWhileBusy();
        if (message.type === 'result') waiting?.resolve(message.result);
        else waiting?.reject(new Error(message.error));
      };
      const fail = (what: string) => {
        const error = new Error(loaded ? `its Worker stopped (${what})` : `it could not load (${what})`);
        reject(error);
        this.stop(worker, error);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        fail(event.message || 'no reason given');
      };
      worker.onmessageerror = () => fail('a message could not be read');
    });
    this.ready.catch(() => undefined);
    return this.ready;
  }

  /** Ends `worker` if it is still the current one, and fails every request waiting on it. */
  private stop(worker: TranspilerWorker, error: Error): void {
    if (this.worker !== worker) return;
    worker.terminate();
    this.worker = undefined;
    this.ready = undefined;
    this.loading = false;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    this.holdWhileBusy(0);
    for (const request of waiting) request.reject(error);
  }

  warm(): Promise<void> {
    return this.start();
  }

  async transpile(files: Record<string, string>): Promise<TranspileResult> {
    await this.start();
    const worker = this.worker;
    if (!worker) throw new Error('its Worker stopped');
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.holdWhileBusy();
      worker.postMessage({ id, files } satisfies TranspileRequest);
    });
  }

  reset(): void {
    if (this.worker) this.stop(this.worker, new Error('it stopped answering and was restarted'));
  }
}
