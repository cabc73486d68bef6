import { WorkerTranspiler, type TranspilerWorker } from '../../src/runtime/browser-transpiler.ts';
import type { TranspileResult } from '../../src/runtime/transpile.ts';
import { answerTranspileRequest, type TranspileRequest, type TranspilerMessage } from '../../src/runtime/transpiler-messages.ts';

/** What the fake transpiler Worker does with a request. */
export type Behaviour = 'compile-error' | 'throws' | 'dies' | 'silent';

export const compileError: TranspileResult = {
  files: {},
  errors: [{ kind: 'compile', name: 'SyntaxError', message: "';' expected.", at: { file: 'main.ts', line: 1, column: 9 } }],
};

/** A stand-in for the transpiler Worker: it announces itself (unless told not to), then answers as told. */
export class FakeTranspilerWorker implements TranspilerWorker {
  onmessage: TranspilerWorker['onmessage'] = null;
  onerror: TranspilerWorker['onerror'] = null;
  onmessageerror: TranspilerWorker['onmessageerror'] = null;
  terminated = false;
  readonly requests: TranspileRequest[] = [];
  behaviour: Behaviour;

  private readonly options: { loads?: boolean; diesLoading?: boolean };

  constructor(behaviour: Behaviour, options: { loads?: boolean; diesLoading?: boolean } = {}) {
    this.behaviour = behaviour;
    this.options = options;
  }

  /** What the Worker does once created: load (or not). */
  start(): this {
    setTimeout(() => {
      if (this.options.diesLoading) this.die('Failed to fetch dynamically imported module');
      else if (this.options.loads !== false) this.send({ type: 'ready' });
    }, 0);
    return this;
  }

  private send(message: TranspilerMessage): void {
    if (!this.terminated) this.onmessage?.call(this as unknown as Worker, { data: message } as MessageEvent);
  }

  die(message: string): void {
    if (this.terminated) return;
    this.onerror?.call(this as unknown as Worker, { message, preventDefault: () => undefined } as ErrorEvent);
  }

  postMessage(request: TranspileRequest): void {
    this.requests.push(request);
    setTimeout(() => {
      if (this.behaviour === 'compile-error') this.send(answerTranspileRequest(() => compileError, request));
      // The compiler's own exception, answered by the Worker's real request handler.
      if (this.behaviour === 'throws') this.send(answerTranspileRequest(() => { throw new Error('Debug Failure. False expression.'); }, request));
      if (this.behaviour === 'dies') this.die('Uncaught RangeError: Maximum call stack size exceeded');
    }, 0);
  }

  terminate(): void {
    this.terminated = true;
  }
}

/** A transpiler whose Workers are fakes; `started` lists every Worker it created. */
export function fakeTranspiler(...workers: FakeTranspilerWorker[]) {
  const started: FakeTranspilerWorker[] = [];
  const transpiler = new WorkerTranspiler(() => {
    const worker = workers.shift();
    if (!worker) throw new Error('no more fake Workers');
    started.push(worker);
    return worker.start();
  });
  return { transpiler, started };
}
