/**
 * Boots the tab's one WebContainer, with the failure handling `WebContainer.boot()` lacks: when
 * StackBlitz's servers cannot be reached its promise never settles (and is cached), so a boot
 * here rejects after a timeout (naming the likely causes), a boot that finishes after it is torn
 * down, and a failure is remembered so that later calls fail at once. An internal error of a
 * booted WebContainer (`on('error')`) tears it down and is reported. It boots only where the
 * page is cross-origin isolated and the browser can run it (not Safari before 16.4), on
 * iOS/iPadOS (where a boot can crash the tab) only when the learner asks for it, and with the
 * course's API key, if any, configured first.
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

export interface SpawnOptionsLike {
  env?: Record<string, string>;
}

/** What the `error` event hands its listener: an internal error of the WebContainer. */
export interface WebContainerErrorLike {
  message: string;
}

export interface WebContainerLike {
  readonly fs: { writeFile(path: string, data: string): Promise<void> };
  mount(tree: FileTree): Promise<void>;
  spawn(command: string, args: string[], options?: SpawnOptionsLike): Promise<WebContainerProcessLike>;
  on(event: 'error', listener: (error: WebContainerErrorLike) => void): () => void;
  teardown(): void;
}

export interface WebContainerBootOptions {
  coep?: 'require-corp' | 'credentialless' | 'none';
  workdirName?: string;
}

/** `WebContainer.boot` and `configureAPIKey` of the API, or a fake of them. */
export interface WebContainerApi {
  boot(options?: WebContainerBootOptions): Promise<WebContainerLike>;
  /** Must be called before `boot`; the API throws otherwise. */
  configureAPIKey?(key: string): void;
}

export interface BootEnvironment {
  crossOriginIsolated: boolean;
  /** iOS or iPadOS, where a boot can crash the tab. */
  ios: boolean;
  /** Safari (or any iOS browser) older than 16.4, which WebContainers do not support. */
  oldSafari?: boolean;
}

/**
 * `not-isolated`: the page lacks cross-origin isolation, so no WebContainer. `unsupported`: a
 * browser WebContainers do not support. `on-request`: this device boots only when asked.
 * `timeout`, `failed`: the boot itself did not work, or the WebContainer reported an error.
 */
export type BootFailure = 'not-isolated' | 'unsupported' | 'on-request' | 'timeout' | 'failed';

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
  /** Calls `listener` when a booted WebContainer reports an internal error (and is torn down). */
  onFailure(listener: (error: BootError) => void): () => void;
}

export interface BooterOptions {
  /** Loads the API; by default a dynamic import, so the page does not load it up front. */
  loadApi?: () => Promise<WebContainerApi>;
  environment?: BootEnvironment;
  timeoutMs?: number;
  bootOptions?: WebContainerBootOptions;
  /** A WebContainer API key (`configureAPIKey`), set before the boot; none by default. */
  apiKey?: string | undefined;
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

/**
 * Safari, or any browser on iOS (all of them WebKit), older than 16.4: WebContainers need 16.4's
 * features, and a boot there only fails slowly.
 */
export function isOldSafari(nav: NavigatorLike | undefined): boolean {
  const userAgent = nav?.userAgent ?? '';
  const version = (major: string, minor = '0') => Number(major) * 100 + Number(minor);
  const ios = /(?:iPhone|CPU) OS (\d+)_(\d+)/.exec(userAgent);
  if (ios && /iPhone|iPad|iPod/.test(userAgent)) return version(ios[1]!, ios[2]) < 1604;
  const safari = /Version\/(\d+)(?:\.(\d+))?.* Safari\//.exec(userAgent);
  if (!safari || /Chrome|Chromium|Edg\/|OPR\/|Firefox/.test(userAgent)) return false;
  return version(safari[1]!, safari[2]) < 1604;
}

export function detectEnvironment(): BootEnvironment {
  const scope = globalThis as { crossOriginIsolated?: boolean; navigator?: NavigatorLike };
  return { crossOriginIsolated: scope.crossOriginIsolated === true, ios: isIOS(scope.navigator), oldSafari: isOldSafari(scope.navigator) };
}

const loadWebContainerApi = async (): Promise<WebContainerApi> => {
  const { WebContainer, configureAPIKey } = await import('@webcontainer/api');
  return { boot: (options) => WebContainer.boot(options), configureAPIKey };
};

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

/** What usually stops a boot, for the learner (or their administrator) to check. */
export const LIKELY_BOOT_CAUSES =
  'the page may not be cross-origin isolated, the browser may not support WebContainers (a recent Chrome, Edge, Firefox or Safari 16.4+ does), third-party cookies or storage may be blocked for StackBlitz, or StackBlitz\'s servers may be unreachable from this network';

export function createWebContainerBooter(options: BooterOptions = {}): WebContainerBooter {
  const loadApi = options.loadApi ?? loadWebContainerApi;
  const timeoutMs = options.timeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS;
  let environment = options.environment;
  let state: BootState = 'idle';
  let booting: Promise<WebContainerLike> | undefined;
  let container: WebContainerLike | undefined;

  const failureListeners = new Set<(error: BootError) => void>();
  let generation = 0;

  /** An internal error of the running WebContainer: it is torn down, and later boots fail at once. */
  const watch = (booted: WebContainerLike, mine: number) => {
    booted.on('error', (reported) => {
      if (mine !== generation || container !== booted) return;
      const error = new BootError('failed', `the WebContainer stopped with an error (${reported.message})`);
      container = undefined;
      state = 'failed';
      booting = Promise.reject(error);
      booting.catch(() => undefined);
      booted.teardown();
      for (const listener of failureListeners) listener(error);
    });
  };

  const start = (): Promise<WebContainerLike> => {
    state = 'booting';
    const mine = (generation += 1);
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new BootError('timeout', `it did not start within ${seconds(timeoutMs)}: ${LIKELY_BOOT_CAUSES}`));
      }, timeoutMs);
    });
    const boot = loadApi().then((api) => {
      if (options.apiKey) api.configureAPIKey?.(options.apiKey);
      return api.boot(options.bootOptions ?? { coep: 'require-corp', workdirName: 'course' });
    });
    // A boot that finishes after the timeout holds the tab's only WebContainer: release it, so
    // that nothing keeps running unseen and a later boot of this tab can succeed.
    boot.then(
      (late) => timedOut && late.teardown(),
      () => undefined,
    );
    const result = Promise.race([boot, timeout]).then(
      (booted) => {
        clearTimeout(timer);
        state = 'ready';
        container = booted;
        watch(booted, mine);
        return booted;
      },
      (error: unknown) => {
        clearTimeout(timer);
        state = 'failed';
        if (error instanceof BootError) throw error;
        const message = error instanceof Error ? error.message : String(error);
        throw new BootError('failed', `${message} (${LIKELY_BOOT_CAUSES})`, { cause: error });
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
      if (environment.oldSafari) {
        state = 'failed';
        booting = Promise.reject(new BootError('unsupported', 'this browser does not support WebContainers (Safari needs version 16.4 or later)'));
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
      generation += 1;
      container?.teardown();
      container = undefined;
      if (state === 'ready') {
        booting = undefined;
        state = 'idle';
      }
    },
    onFailure(listener) {
      failureListeners.add(listener);
      return () => failureListeners.delete(listener);
    },
  };
}

let tabBooter: WebContainerBooter | undefined;

/** The booter of this tab: one WebContainer per tab; `apiKey` counts on the first call only. */
export function tabWebContainerBooter(apiKey?: string): WebContainerBooter {
  tabBooter ??= createWebContainerBooter({ apiKey });
  return tabBooter;
}
