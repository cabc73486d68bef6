import type { AsyncLocalStorage } from 'node:async_hooks';

type StorageClass = new () => AsyncLocalStorage<number>;

/**
 * Whether `AsyncLocalStorage` keeps its store across `await`: a promise that settles at once,
 * one that settles in a timer, and a lowered `async` (a generator driven by `then`, as the course
 * transpiles learner code). In host Node it does; in WebContainers it may not (webcontainer-core
 * issue #1169), and then every span would lose its parent after the first `await`.
 */
export async function asyncContextSurvivesAwait(Storage: StorageClass): Promise<boolean> {
  const storage = new Storage();
  try {
    return await storage.run(42, async () => {
      await Promise.resolve();
      const afterMicrotask = storage.getStore();
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      const afterTimer = storage.getStore();
      const lowered = await new Promise<number | undefined>((resolve) => {
        Promise.resolve().then(() => resolve(storage.getStore()));
      });
      return afterMicrotask === 42 && afterTimer === 42 && lowered === 42;
    });
  } catch {
    return false;
  }
}

/** A context manager class as `@opentelemetry/api` registers it. */
type ContextManagerClass = new () => { enable(): unknown };

interface RegisterConfig {
  contextManager?: unknown;
  [key: string]: unknown;
}

type ProviderClass = new (...args: never[]) => { register(config?: RegisterConfig): void };

/**
 * The packages a program sees, with async context kept by `Fallback` (zone.js) instead of
 * `AsyncLocalStorage`: the context manager classes of `@opentelemetry/context-async-hooks`
 * become it under their own names, and `NodeTracerProvider.register()` registers it by default,
 * as the Worker sandbox does. Learner code is lowered to generators, which zone.js can follow.
 */
export function withFallbackContext(packages: Record<string, object>, Fallback: ContextManagerClass): Record<string, object> {
  const named = (name: string) => {
    const Named = class extends Fallback {};
    Object.defineProperty(Named, 'name', { value: name });
    return Named;
  };
  const result = { ...packages };
  result['@opentelemetry/context-async-hooks'] = {
    ...packages['@opentelemetry/context-async-hooks'],
    AsyncLocalStorageContextManager: named('AsyncLocalStorageContextManager'),
    AsyncHooksContextManager: named('AsyncHooksContextManager'),
  };
  const node = packages['@opentelemetry/sdk-trace-node'] as { NodeTracerProvider?: ProviderClass } | undefined;
  if (node?.NodeTracerProvider) {
    const Base = node.NodeTracerProvider;
    const Provider = class extends Base {
      override register(config: RegisterConfig = {}): void {
        super.register(config.contextManager === undefined ? { ...config, contextManager: new Fallback() } : config);
      }
    };
    Object.defineProperty(Provider, 'name', { value: Base.name });
    result['@opentelemetry/sdk-trace-node'] = { ...node, NodeTracerProvider: Provider };
  }
  return result;
}
