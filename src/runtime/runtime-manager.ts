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
 * it only when the learner chooses it. `starting`, `ready`. `unavailable`: the page is not
 * cross-origin isolated. `failed`: the boot failed or took too long.
 */
export type WebContainerState = 'off' | 'idle' | 'on-request' | 'starting' | 'ready' | 'unavailable' | 'failed';

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
  webcontainer?: { runtime: Runtime; boot(options?: { requested?: boolean }): Promise<unknown> } | undefined;
  storage?: KeyValueStorage | undefined;
}

/** The choice is stored as the bare word (`worker`, `webcontainer`), as it always has been. */
export const RUNTIME_CHOICE_KEY = `${KEY_PREFIX}runtime`;

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Decides where a Run goes. The WebContainer boots in the background as the page loads (unless
 * the learner chose the Worker, or the device boots it only on request); until it is ready, or
 * when it fails, Runs go to the Worker and the status says so. The learner's choice is remembered.
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

  constructor(options: RuntimeManagerOptions) {
    this.worker = options.worker;
    this.webcontainer = options.webcontainer;
    this.storage = options.storage;
    this.state = options.webcontainer ? 'idle' : 'off';
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
    if (this.choice === 'webcontainer') this.boot(false);
    this.emit();
  }

  /** The learner's choice; remembered. Choosing the WebContainer boots it if it has not started. */
  choose(choice: RuntimeChoice): void {
    this.choice = choice;
    this.storageProblem = undefined;
    try {
      this.storage?.setItem(RUNTIME_CHOICE_KEY, choice);
    } catch (error) {
      this.storageProblem = describeStorageProblem('saved', reason(error));
    }
    if (choice === 'webcontainer') this.boot(true);
    this.emit();
  }

  get status(): RuntimeStatus {
    const runtime = this.current();
    const notice = this.storageProblem ?? (this.state === 'failed' ? this.failure : undefined);
    const facts = { runtime, choice: this.choice, webcontainer: this.state, failure: this.failure, storageProblem: this.storageProblem };
    return { runtime, choice: this.choice, webcontainer: this.state, notice, text: runtimeStatusText(facts) };
  }

  /** Calls `listener` now and on every change; returns the unsubscribe function. */
  onStatus(listener: (status: RuntimeStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  async run(request: RunRequest, options: RunOptions = {}): Promise<RunResult> {
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

/** The page's runtimes: a Worker, and the tab's WebContainer where it can boot (call `start()`); `transpiler` defaults to the transpiler Worker (a page with an editor passes the editor's). */
export function createPageRuntimeManager(transpiler: Transpiler = new WorkerTranspiler()): RuntimeManager {
  const booter = tabWebContainerBooter();
  return new RuntimeManager({
    worker: new WorkerRuntime(transpiler),
    webcontainer: { runtime: new WebContainerRuntime({ container: () => booter.boot(), transpiler }), boot: (options) => booter.boot(options) },
    storage: pageStorage,
  });
}
