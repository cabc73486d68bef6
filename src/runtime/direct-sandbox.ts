import sandboxWorkerUrl from '../../sandboxes/worker/worker.ts?worker&url';
import type { HarnessInput } from '../../sandboxes/wire/protocol.ts';
import type { SandboxFailure, SandboxHost } from './sandbox-frame.ts';

/**
 * The sandbox Worker started straight from the page, without the sealed frame: only for
 * `astro dev`, whose Worker is a module with imports that a frame's blob: Worker cannot load.
 * Learners always get the sealed frame (sandbox-frame.ts) from a build.
 */
export class DirectSandbox implements SandboxHost {
  readonly ready: Promise<void>;
  private readonly worker = new Worker(sandboxWorkerUrl, { type: 'module', name: 'sandbox' });

  constructor() {
    this.ready = new Promise<void>((resolve, reject) => {
      this.worker.onmessage = (event: MessageEvent<{ type?: unknown } | null>) => event.data?.type === 'ready' && resolve();
      this.worker.onerror = (event) => reject(new Error(event.message || 'the sandbox Worker failed to start'));
    });
    this.ready.catch(() => undefined);
  }

  run(input: HarnessInput, onMessage: (message: unknown) => void, onFailure: (failure: SandboxFailure) => void): void {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent<unknown>) => onMessage(event.data);
    this.worker.onmessage = null;
    this.worker.onerror = (event) => {
      event.preventDefault();
      onFailure({ kind: 'crashed', message: event.message || 'The sandbox stopped unexpectedly.' });
    };
    this.worker.postMessage({ type: 'run', input }, [channel.port2]);
  }

  terminate(): void {
    this.worker.terminate();
  }
}
