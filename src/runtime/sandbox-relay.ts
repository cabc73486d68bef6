/**
 * The script of the sandbox frame: a sandboxed iframe with an opaque origin that owns the
 * sandbox Worker, a fresh one per run (`recycle` ends the last and starts the next). It is put into the frame's document as text (`sandboxRelaySource`), so it must
 * not use anything outside its own body: no imports, no helpers.
 *
 * It sits between the Worker and the page and passes on only what is small enough: the Worker
 * runs learner code, and a message it sends is copied into whichever thread receives it. Here,
 * in the frame's own process, a 256 MiB error message or 90,000 rejections cost the sandbox, not
 * the page: strings are clipped, and once a run has sent too much or too many errors the frame
 * stops passing messages on and tells the page why (`overflow`). The page validates what does
 * arrive again (untrusted-records.ts); this is the first gate, not the only one.
 */

export interface RelayLimits {
  /** Longest string passed on in an error or console line. */
  maxText: number;
  /** Longest string passed on anywhere else (a captured request body, an attribute). */
  maxString: number;
  /** Bytes (estimated) one run may send in total. */
  maxRunBytes: number;
  /** Error messages one run may send. */
  maxErrors: number;
  /** Interval of the frame's "still alive" message, which tells the page the process has not died. */
  heartbeatMs: number;
}

export type RelayToPage =
  | { type: 'ready' }
  | { type: 'alive' }
  | { type: 'failed'; message: string }
  | { type: 'overflow'; what: 'bytes' | 'errors' };

/**
 * Estimated size of a structured-clone value, clipping long strings in place; stops counting
 * past `budget`. Like the relay, it goes into the frame as text: it uses nothing outside its body.
 */
export function measureMessage(value: unknown, maxString: number, budget: number): { bytes: number; value: unknown } {
  let bytes = 0;
  const seen = new Set<object>();
  const walk = (v: unknown): unknown => {
    if (bytes > budget) return undefined;
    if (typeof v === 'string') {
      const clipped = v.length > maxString ? `${v.slice(0, maxString)}… (${v.length - maxString} more characters)` : v;
      bytes += clipped.length * 2;
      return clipped;
    }
    if (typeof v !== 'object' || v === null) {
      bytes += 8;
      return v;
    }
    if (seen.has(v)) return v;
    seen.add(v);
    if (Array.isArray(v)) {
      bytes += 8;
      for (let i = 0; i < v.length && bytes <= budget; i++) v[i] = walk(v[i]);
      return v;
    }
    const record = v as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (bytes > budget) break;
      bytes += key.length * 2 + 8;
      record[key] = walk(record[key]);
    }
    return v;
  };
  const clipped = walk(value);
  return { bytes, value: clipped };
}

/** The relay; `measure` is `measureMessage`, handed in as text beside it. */
export function sandboxRelay(limits: RelayLimits, measure: typeof measureMessage): void {
  let control: MessagePort | undefined;

  /** Starts passing one run's messages on to `toPage`; returns what ends that. */
  const startRun = (worker: Worker, input: unknown, toPage: MessagePort): (() => void) => {
    const channel = new MessageChannel();
    let sent = 0;
    let errors = 0;
    let stopped = false;
    const stop = (what: 'bytes' | 'errors') => {
      stopped = true;
      channel.port1.close();
      // On the run's port, after everything passed on before it: the page sees what came first.
      toPage.postMessage({ type: 'overflow', what } satisfies RelayToPage);
    };
    channel.port1.onmessage = (event: MessageEvent<unknown>) => {
      if (stopped) return;
      const data = event.data as { type?: unknown } | null;
      const type = typeof data === 'object' && data !== null ? data.type : undefined;
      if (type === 'error' && ++errors > limits.maxErrors) return stop('errors');
      const isText = type === 'error' || type === 'console';
      const measured = measure(data, isText ? limits.maxText : limits.maxString, limits.maxRunBytes - sent);
      sent += measured.bytes;
      if (sent > limits.maxRunBytes) return stop('bytes');
      toPage.postMessage(measured.value);
    };
    worker.postMessage({ type: 'run', input }, [channel.port2]);
    return () => {
      stopped = true;
      channel.port1.close();
      toPage.close();
    };
  };

  const boot = (script: Blob): void => {
    const port = control!;
    const url = URL.createObjectURL(script);
    const failedText = (message: unknown) => String(message || 'The sandbox stopped unexpectedly.').slice(0, limits.maxText);
    interface Standby {
      worker: Worker;
      ready: boolean;
      failed?: string;
    }
    // A Worker per run, so no state of one program reaches the next; the frame (and its process)
    // stays. The next run's Worker (the standby) starts once a run has ended, never beside it:
    // its start-up would take the CPU from the program and stretch the spans the learner reads.
    // The page hears of it (`ready`, `failed`) once it asked for it.
    let standby: Standby | undefined;
    let running: Worker | undefined;
    let endRun: (() => void) | undefined;
    let announce = true;
    const tell = (next: Standby): void => {
      if (!announce || next !== standby || (!next.ready && next.failed === undefined)) return;
      announce = false;
      port.postMessage(next.failed === undefined ? ({ type: 'ready' } satisfies RelayToPage) : ({ type: 'failed', message: next.failed } satisfies RelayToPage));
    };
    const startStandby = (): void => {
      // Classic, not module: Chromium cannot start a module Worker from a blob: URL of an opaque
      // origin. The sandbox bundle is one file without imports, so it runs as either.
      const next: Standby = { worker: new Worker(url, { name: 'sandbox' }), ready: false };
      standby = next;
      next.worker.onmessage = (event: MessageEvent<{ type?: unknown } | null>) => {
        if (event.data?.type !== 'ready' || next.ready) return;
        next.ready = true;
        tell(next);
      };
      next.worker.onerror = (event) => {
        event.preventDefault();
        if (next.worker === running) return port.postMessage({ type: 'failed', message: failedText(event.message) } satisfies RelayToPage);
        next.failed ??= failedText(event.message);
        tell(next);
      };
    };
    const stopRunning = (): void => {
      endRun?.();
      endRun = undefined;
      running?.terminate();
      running = undefined;
    };
    startStandby();
    setInterval(() => port.postMessage({ type: 'alive' } satisfies RelayToPage), limits.heartbeatMs);
    port.onmessage = (event: MessageEvent<{ type?: unknown; input?: unknown } | null>) => {
      const run = event.ports[0];
      const type = event.data?.type;
      if (type === 'run' && run && !running && standby?.ready && standby.failed === undefined) {
        running = standby.worker;
        standby = undefined;
        endRun = startRun(running, event.data?.input, run);
      }
      if (type === 'stop') {
        stopRunning();
        standby?.worker.terminate();
        standby = undefined;
      }
      if (type === 'recycle') {
        stopRunning();
        announce = true;
        if (standby) tell(standby);
        else startStandby();
      }
    };
  };

  // The page hands over the Worker's script and a private port, once; nobody else can.
  addEventListener('message', (event: MessageEvent<{ type?: unknown; script?: unknown } | null>) => {
    const port = event.ports[0];
    if (control || event.source !== parent || event.data?.type !== 'boot' || !(event.data.script instanceof Blob) || !port) return;
    control = port;
    boot(event.data.script);
  });
}

/** The relay as the text of an inline script, with its limits. */
export const sandboxRelaySource = (limits: RelayLimits): string => `(${sandboxRelay.toString()})(${JSON.stringify(limits)}, ${measureMessage.toString()});`;
