/**
 * Boots the tab's one WebContainer, with the failure handling `WebContainer.boot()` lacks: when
 * StackBlitz's servers cannot be reached its promise never settles (and is cached), so a boot
 * here rejects after a timeout, and a failure is remembered so that later calls fail at once.
 * It boots only where the page is cross-origin isolated, and on iOS/iPadOS (where a boot can
 * crash the tab) only when the learner asks for it.
 */

/** The members of `@webcontainer/api` 1.6.4 this course uses, and nothing more. */
export interface WebContainerProcessLike {
  input: WritableStream<string>;
  output: ReadableStream<string>;
  exit: Promise<number>;
  kill(): void;
}

export interface FileTree {
  [name: string]: { file: { contents: string } } | { directory: FileTree };
}

export interface WebContainerLike {
  readonly fs: { writeFile(path: string, data: string): Promise<void> };
  mount(tree: FileTree): Promise<void>;
  spawn(command: string, args: string[]): Promise<WebContainerProcessLike>;
  teardown(): void;
}

export interface WebContainerBootOptions {
  coep?: 'require-corp' | 'credentialless' | 'none';
  workdirName?: string;
}

/** `WebContainer` itself (its static `boot`), or a fake of it. */
export interface WebContainerApi {
  boot(options?: WebContainerBootOptions): Promise<WebContainerLike>;
}

export interface BootEnvironment {
  crossOriginIsolated: boolean;
  /** iOS or iPadOS, where a boot can crash the tab. */
  ios: boolean;
}

/**
 * `not-isolated`: the page lacks cross-origin isolation, so no WebContainer. `on-request`: this
 * device boots only when asked. `timeout`, `failed`: the boot itself did not work.
 */
export type BootFailure = 'not-isolated' | 'on-request' | 'timeout' | 'failed';

export class BootError extends Error {
  readonly reason: BootFailure;

  constructor(reason: BootFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BootError';
    this.reason = reason;
  }
}

export type BootState = 'idle' | 'booting' | 'ready' | 'failed';

export interface WebContainerBooter {
  readonly state: BootState;
  /**
   * The tab's WebContainer, booting it on the first call. Without `requested`, a device that
   * boots only on request gets a `BootError('on-request')` and nothing starts.
   */
  boot(options?: { requested?: boolean }): Promise<WebContainerLike>;
  /** Releases the WebContainer; a later `boot` starts a new one. */
  teardown(): void;
}

export interface BooterOptions {
  /** Loads the API; by default a dynamic import, so the page does not load it up front. */
  loadApi?: () => Promise<WebContainerApi>;
  environment?: BootEnvironment;
  timeoutMs?: number;
  bootOptions?: WebContainerBootOptions;
}

export const DEFAULT_BOOT_TIMEOUT_MS = 20_000;

interface NavigatorLike {
  userAgent?: string;
  platform?: string;
  maxTouchPoints?: number;
}

/** iPhone, iPod, iPad, and iPadOS (which says it is a Mac with a touch screen). */
export function isIOS(nav: NavigatorLike | undefined): boolean {
  if (!nav) return false;
  const { userAgent = '', platform = '', maxTouchPoints = 0 } = nav;
  return /iPhone|iPod|iPad/.test(userAgent) || /^(iPhone|iPod|iPad)/.test(platform) || (platform === 'MacIntel' && maxTouchPoints > 1);
}

export function detectEnvironment(): BootEnvironment {
  const scope = globalThis as { crossOriginIsolated?: boolean; navigator?: NavigatorLike };
  return { crossOriginIsolated: scope.crossOriginIsolated === true, ios: isIOS(scope.navigator) };
}

const loadWebContainerApi = async (): Promise<WebContainerApi> => (await import('@webcontainer/api')).WebContainer;

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

export function createWebContainerBooter(options: BooterOptions = {}): WebContainerBooter {
  const loadApi = options.loadApi ?? loadWebContainerApi;
  const timeoutMs = options.timeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS;
  let environment = options.environment;
  let state: BootState = 'idle';
  let booting: Promise<WebContainerLike> | undefined;
  let container: WebContainerLike | undefined;

  const start = (): Promise<WebContainerLike> => {
    state = 'booting';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new BootError(
              'timeout',
              `it did not start within ${seconds(timeoutMs)} (StackBlitz's servers may be unreachable, or this device is offline)`,
            ),
          ),
        timeoutMs,
      );
    });
    const boot = loadApi().then((api) => api.boot(options.bootOptions ?? { coep: 'require-corp', workdirName: 'course' }));
    // After a timeout the boot may still settle; nobody waits for it any more.
    boot.catch(() => undefined);
    const result = Promise.race([boot, timeout]).then(
      (booted) => {
        clearTimeout(timer);
        state = 'ready';
        container = booted;
        return booted;
      },
      (error: unknown) => {
        clearTimeout(timer);
        state = 'failed';
        if (error instanceof BootError) throw error;
        throw new BootError('failed', error instanceof Error ? error.message : String(error), { cause: error });
      },
    );
    result.catch(() => undefined);
    return result;
  };

  return {
    get state() {
      return state;
    },
    boot(request = {}) {
      if (booting) return booting;
      environment ??= detectEnvironment();
      if (!environment.crossOriginIsolated) {
        state = 'failed';
        booting = Promise.reject(new BootError('not-isolated', 'this page is not cross-origin isolated'));
        booting.catch(() => undefined);
        return booting;
      }
      if (environment.ios && !request.requested) {
        return Promise.reject(new BootError('on-request', 'on iOS and iPadOS, WebContainer starts only when you choose it'));
      }
      booting = start();
      return booting;
    },
    teardown() {
      container?.teardown();
      container = undefined;
      if (state === 'ready') {
        booting = undefined;
        state = 'idle';
      }
    },
  };
}

let tabBooter: WebContainerBooter | undefined;

/** The booter of this tab: one WebContainer per tab. */
export function tabWebContainerBooter(): WebContainerBooter {
  tabBooter ??= createWebContainerBooter();
  return tabBooter;
}
