import { KEY_PREFIX, pageStorage, type KeyValueStorage } from '../progress/storage.ts';
import { WorkerTranspiler, type Transpiler } from './browser-transpiler.ts';
import type { RunOptions, RunRequest, RunResult, Runtime } from './runtime.ts';
import { describeStorageProblem, runtimeStatusText } from './runtime-status-text.ts';
import { BootError, tabWebContainerBooter } from './webcontainer/boot.ts';
import { WebContainerRuntime } from './webcontainer/webcontainer-runtime.ts';
import { WorkerRuntime } from './worker-runtime.ts';

export type RuntimeChoice = 'worker' | 'webcontainer';

/**
 * `off`: no WebContainer on this page. `idle`: not started yet. `on-request`: this device boots
 * it only when the learner asks for it. `starting`, `ready`. `unavailable`: the page is not
 * cross-origin isolated. `unsupported`: the browser cannot run WebContainers. `failed`: the boot
 * failed or took too long, or the WebContainer stopped.
 */
export type WebContainerState = 'off' | 'idle' | 'on-request' | 'starting' | 'ready' | 'unavailable' | 'unsupported' | 'failed';

/**
 * When the WebContainer boots: `background`, as the page loads; `on-first-run`, on the first Run
 * made with Node.js chosen, so that a visitor who never runs code never contacts StackBlitz.
 */
export type WebContainerBootWhen = 'background' | 'on-first-run';

export interface RuntimeStatus {
  /** Where the next Run goes. */
  runtime: RuntimeChoice;
  choice: RuntimeChoice;
  webcontainer: WebContainerState;
  /** Why the WebContainer failed, or why the choice could not be remembered. */
  notice?: string | undefined;
  /** One line for the page (`runtimeStatusText`). */
  text: string;
}

export interface RuntimeManagerOptions {
  worker: Runtime;
  /** The WebContainer runtime and the tab's boot (`WebContainerBooter.boot`); absent: Worker only. */
  webcontainer?:
    | {
        runtime: Runtime;
        boot(options?: { requested?: boolean }): Promise<unknown>;
        /** Reports a WebContainer that stopped after it booted (the booter's `onFailure`). */
        onFailure?(listener: (error: Error) => void): unknown;
      }
    | undefined;
  storage?: KeyValueStorage | undefined;
  /** When the WebContainer boots; `background` by default. */
  bootWhen?: WebContainerBootWhen | undefined;
}

/** The choice is stored as the bare word (`worker`, `webcontainer`), as it always has been. */
export const RUNTIME_CHOICE_KEY = `${KEY_PREFIX}runtime`;

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Decides where a Run goes. The WebContainer boots in the background as the page loads, or on
 * the first Run made with it chosen (`bootWhen`), never when the learner chose the Worker, and on
 * devices that boot it only on request, only when asked (`startNode`). Until it is ready, or when
 * it fails, Runs go to the Worker and the status says so. The learner's choice is remembered.
 */
export class RuntimeManager implements Runtime {
  private readonly worker: Runtime;
  private readonly webcontainer: RuntimeManagerOptions['webcontainer'];
  private readonly storage: KeyValueStorage | undefined;
  private readonly listeners = new Set<(status: RuntimeStatus) => void>();
  private choice: RuntimeChoice = 'webcontainer';
  private state: WebContainerState;
  private failure: string | undefined;
  private storageProblem: string | undefined;
  private started = false;
  private readonly bootWhen: WebContainerBootWhen;

  constructor(options: RuntimeManagerOptions) {
    this.worker = options.worker;
    this.webcontainer = options.webcontainer;
    this.storage = options.storage;
    this.bootWhen = options.bootWhen ?? 'background';
    this.state = options.webcontainer ? 'idle' : 'off';
    options.webcontainer?.onFailure?.((error) => this.fail(error));
  }

  get name(): RuntimeChoice {
    return this.current();
  }

  /** Reads the remembered choice and starts the background boot; call once, as the page loads. */
  start(): void {
    if (this.started) return;
    this.started = true;
    try {
      const stored = this.storage?.getItem(RUNTIME_CHOICE_KEY);
      if (stored === 'worker' || stored === 'webcontainer') this.choice = stored;
    } catch (error) {
      this.storageProblem = describeStorageProblem('read', reason(error));
    }
    if (this.choice === 'webcontainer' && this.bootWhen === 'background') this.boot(false);
    this.emit();
  }

  /** Chooses the WebContainer and boots it now, also on a device that boots only on request (iOS). */
  startNode(): void {
    this.choose('webcontainer', { boot: true });
  }

  /**
   * The learner's choice; remembered. Choosing the WebContainer boots it if it has not started,
   * unless it boots on the first Run.
   */
  choose(choice: RuntimeChoice, options: { boot?: boolean } = {}): void {
    this.choice = choice;
    this.storageProblem = undefined;
    try {
      this.storage?.setItem(RUNTIME_CHOICE_KEY, choice);
    } catch (error) {
      this.storageProblem = describeStorageProblem('saved', reason(error));
    }
    if (choice === 'webcontainer' && (options.boot || this.bootWhen === 'background')) this.boot(true);
    this.emit();
  }

  get status(): RuntimeStatus {
    const runtime = this.current();
    const notice = this.storageProblem ?? (this.state === 'failed' ? this.failure : undefined);
    const facts = { runtime, choice: this.choice, webcontainer: this.state, failure: this.failure, storageProblem: this.storageProblem, bootsOnRun: this.bootWhen === 'on-first-run' };
    return { runtime, choice: this.choice, webcontainer: this.state, notice, text: runtimeStatusText(facts) };
  }

  /** Calls `listener` now and on every change; returns the unsubscribe function. */
  onStatus(listener: (status: RuntimeStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  async run(request: RunRequest, options: RunOptions = {}): Promise<RunResult> {
    // The first Run that asks for Node starts it; this Run does not wait, the Worker takes it.
    if (this.choice === 'webcontainer' && this.state === 'idle') {
      this.boot(false);
      this.emit();
    }
    if (this.current() === 'webcontainer' && this.webcontainer) {
      options.onEvent?.({ type: 'status', text: this.status.text });
      try {
        return await this.webcontainer.runtime.run(request, options);
      } catch (error) {
        // The WebContainer itself broke (not the program): this Run and the next go to the Worker.
        this.fail(error);
        options.onEvent?.({ type: 'status', text: this.status.text });
      }
    } else {
      options.onEvent?.({ type: 'status', text: this.status.text });
    }
    return this.worker.run(request, options);
  }

  dispose(): void {
    this.listeners.clear();
    this.worker.dispose?.();
    this.webcontainer?.runtime.dispose?.();
  }

  private current(): RuntimeChoice {
    return this.choice === 'webcontainer' && this.state === 'ready' ? 'webcontainer' : 'worker';
  }

  private boot(requested: boolean): void {
    const webcontainer = this.webcontainer;
    if (!webcontainer || (this.state !== 'idle' && this.state !== 'on-request')) return;
    this.state = 'starting';
    webcontainer.boot({ requested }).then(
      () => {
        if (this.state !== 'starting') return;
        this.state = 'ready';
        this.emit();
      },
      (error: unknown) => {
        if (error instanceof BootError && error.reason === 'on-request') this.state = 'on-request';
        else if (error instanceof BootError && error.reason === 'not-isolated') this.state = 'unavailable';
        else if (error instanceof BootError && error.reason === 'unsupported') this.state = 'unsupported';
        else return this.fail(error);
        this.emit();
      },
    );
  }

  private fail(error: unknown): void {
    this.state = 'failed';
    this.failure = reason(error);
    this.emit();
  }

  private emit(): void {
    const status = this.status;
    for (const listener of this.listeners) listener(status);
  }
}

export interface PageRuntimeSettings {
  /** When the WebContainer boots (the course's `webcontainer.boot`). */
  bootWhen: WebContainerBootWhen;
  /** The course's WebContainer API key, if it has one. */
  apiKey?: string | undefined;
}

/** The page's runtimes: a Worker, and the tab's WebContainer where it can boot (call `start()`); `transpiler` defaults to the transpiler Worker (a page with an editor passes the editor's). */
export function createPageRuntimeManager(transpiler: Transpiler = new WorkerTranspiler(), settings: PageRuntimeSettings = { bootWhen: 'on-first-run' }): RuntimeManager {
  const booter = tabWebContainerBooter(settings.apiKey);
  const worker = new WorkerRuntime(transpiler);
  // The runtimes load once the page is idle; the first Run (the Worker's, until Node is up) then
  // finds its sandbox started instead of waiting for a frame and its process.
  void worker.startSandbox().catch(() => undefined);
  return new RuntimeManager({
    worker,
    webcontainer: {
      runtime: new WebContainerRuntime({ container: () => booter.boot(), transpiler }),
      boot: (options) => booter.boot(options),
      onFailure: (listener) => booter.onFailure(listener),
    },
    storage: pageStorage,
    bootWhen: settings.bootWhen,
  });
}
