import sandboxWorkerUrl from '../../sandboxes/worker/worker.ts?worker&url';
import type { HarnessInput } from '../../sandboxes/wire/protocol.ts';
import { sandboxRelaySource, type RelayLimits, type RelayToPage } from './sandbox-relay.ts';

/** Why a sandbox ended a run without `done`. */
export type SandboxFailure =
  | { kind: 'crashed'; message: string }
  /** The frame's process stopped answering: it died, almost always of memory the program took. */
  | { kind: 'silent' }
  | { kind: 'overflow'; what: 'bytes' | 'errors' };

/** One sandbox, for one run: started ahead, given one program, then thrown away (or recycled). */
export interface SandboxHost {
  readonly ready: Promise<void>;
  /** Hands `input` to the sandbox; every message it sends goes to `onMessage`, unvalidated. */
  run(input: HarnessInput, onMessage: (message: unknown) => void, onFailure: (failure: SandboxFailure) => void): void;
  terminate(): void;
  /**
   * After a run that ended normally: drops its Worker and starts a fresh one in the same frame,
   * so the next run needs no new frame (a new process); `ready` then waits for the new Worker.
   * Absent where a sandbox cannot be reused.
   */
  recycle?(): void;
}

export const RELAY_LIMITS: RelayLimits = {
  maxText: 64 * 1024,
  maxString: 8 * 1024 * 1024,
  maxRunBytes: 64 * 1024 * 1024,
  maxErrors: 100,
  heartbeatMs: 250,
};

/** Without a heartbeat for this long during a run, the frame's process is taken for dead. */
const SILENCE_MS = 3_000;

/**
 * What the sandbox frame may do: run its own inline script (by nonce), evaluate learner code
 * (`unsafe-eval`, for the module loader's `new Function`) and start its Worker from a blob: URL.
 * Nothing else: no request, socket, module or script from anywhere. A Worker started from a blob:
 * URL inherits this policy, so it binds learner code too, whatever references it finds.
 */
export const sandboxPolicy = (nonce: string): string =>
  [`default-src 'none'`, `script-src 'nonce-${nonce}' 'unsafe-eval'`, `worker-src blob:`, `connect-src 'none'`, `base-uri 'none'`, `form-action 'none'`].join('; ');

function frameDocument(): string {
  const nonce = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${sandboxPolicy(nonce)}">`,
    `<script nonce="${nonce}">${sandboxRelaySource(RELAY_LIMITS)}</script>`,
    '</head><body></body></html>',
  ].join('');
}

let workerScript: Promise<Blob> | undefined;

/** The sandbox Worker's bundle (one self-contained file), fetched once per page. */
function sandboxScript(): Promise<Blob> {
  workerScript ??= fetch(sandboxWorkerUrl).then((response) => {
    if (!response.ok) throw new Error(`the sandbox script did not load (HTTP ${response.status})`);
    return response.blob();
  });
  workerScript.catch(() => (workerScript = undefined));
  return workerScript;
}

/**
 * A sandbox Worker inside a sandboxed iframe (`allow-scripts` only): an opaque origin, so learner
 * code has no storage, cookies or same-origin requests of the site, under a CSP that lets nothing
 * leave it; the browser may give the frame its own process, so a program that exhausts memory
 * takes down the frame, not the page. The page talks to the frame only over a MessageChannel it
 * hands over at boot; it listens to no `message` events of its window.
 */
export class SandboxFrame implements SandboxHost {
  private current: Promise<void>;
  private settle: { resolve(): void; reject(error: Error): void } | undefined;
  private readonly frame: HTMLIFrameElement;
  private readonly control = new MessageChannel();
  private lastAlive = performance.now();
  private watch: ReturnType<typeof setInterval> | undefined;
  private runPort: MessagePort | undefined;
  private onFailure: ((failure: SandboxFailure) => void) | undefined;

  constructor() {
    this.frame = document.createElement('iframe');
    this.frame.setAttribute('sandbox', 'allow-scripts');
    this.frame.hidden = true;
    this.frame.title = 'Code sandbox';
    this.frame.srcdoc = frameDocument();
    const loaded = new Promise<void>((resolve) => this.frame.addEventListener('load', () => resolve(), { once: true }));
    document.body.append(this.frame);
    this.current = this.expectReady();
    this.control.port1.onmessage = (event: MessageEvent<RelayToPage>) => this.take(event.data);
    void Promise.all([loaded, sandboxScript()]).then(
      ([, script]) => this.frame.contentWindow?.postMessage({ type: 'boot', script }, '*', [this.control.port2]),
      (error: unknown) => {
        this.settle?.reject(error as Error);
        this.fail({ kind: 'crashed', message: (error as Error).message });
      },
    );
  }

  /** Resolves when the frame's current Worker says `ready`; rejects when it fails to start. */
  get ready(): Promise<void> {
    return this.current;
  }

  private expectReady(): Promise<void> {
    const ready = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    ready.catch(() => undefined);
    return ready;
  }

  private take(message: RelayToPage): void {
    switch (message?.type) {
      case 'ready':
        return this.settle?.resolve();
      case 'alive':
        this.lastAlive = performance.now();
        return;
      case 'failed':
        this.settle?.reject(new Error(typeof message.message === 'string' ? message.message : 'the sandbox failed to start'));
        return this.fail({ kind: 'crashed', message: String(message.message) });
      case 'overflow':
        return this.fail({ kind: 'overflow', what: message.what === 'errors' ? 'errors' : 'bytes' });
      default:
        return;
    }
  }

  private fail(failure: SandboxFailure): void {
    const notify = this.onFailure;
    this.onFailure = undefined;
    notify?.(failure);
  }

  run(input: HarnessInput, onMessage: (message: unknown) => void, onFailure: (failure: SandboxFailure) => void): void {
    const channel = new MessageChannel();
    // The relay's `overflow` comes on this port, after what it passed on before; one the program
    // forged through the relay could only end the program's own run.
    channel.port1.onmessage = (event: MessageEvent<unknown>) => {
      const data = event.data as Partial<RelayToPage> | null;
      if (data?.type === 'overflow') this.fail({ kind: 'overflow', what: data.what === 'errors' ? 'errors' : 'bytes' });
      else onMessage(event.data);
    };
    this.runPort = channel.port1;
    this.onFailure = onFailure;
    this.lastAlive = performance.now();
    let lastTick = this.lastAlive;
    this.watch = setInterval(() => {
      const now = performance.now();
      // A hidden tab's timers (here and in the frame) are throttled: silence then proves nothing.
      const throttled = now - lastTick > 1_000 || document.visibilityState !== 'visible';
      lastTick = now;
      if (throttled) this.lastAlive = now;
      else if (now - this.lastAlive > SILENCE_MS) this.fail({ kind: 'silent' });
    }, 250);
    this.control.port1.postMessage({ type: 'run', input }, [channel.port2]);
  }

  /** Ends the run's watch and port: nothing the last program sent late reaches the next run. */
  private endRun(): void {
    clearInterval(this.watch);
    this.watch = undefined;
    this.onFailure = undefined;
    this.runPort?.close();
    this.runPort = undefined;
  }

  recycle(): void {
    this.endRun();
    this.current = this.expectReady();
    this.control.port1.postMessage({ type: 'recycle' });
  }

  terminate(): void {
    this.endRun();
    this.settle?.reject(new Error('the sandbox was stopped'));
    this.control.port1.postMessage({ type: 'stop' });
    this.control.port1.close();
    // Removing the frame ends its document and with it the Worker, even one spinning in a loop.
    this.frame.remove();
  }
}
