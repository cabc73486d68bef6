import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { asyncContextSurvivesAwait, withFallbackContext } from '../../sandboxes/node/async-context.ts';

/** An AsyncLocalStorage as WebContainers may give it (webcontainer-core #1169): the store is gone after `await`. */
class StoreLostAfterAwait<T> {
  private store: T | undefined;
  run<R>(store: T, fn: () => R): R {
    const previous = this.store;
    this.store = store;
    try {
      return fn();
    } finally {
      this.store = previous;
    }
  }
  getStore(): T | undefined {
    return this.store;
  }
}

describe('choosing the async context of the Node sandbox', () => {
  it('keeps AsyncLocalStorage where its store survives await (host Node)', async () => {
    expect(await asyncContextSurvivesAwait(AsyncLocalStorage)).toBe(true);
  });

  it('detects a store lost after await', async () => {
    expect(await asyncContextSurvivesAwait(StoreLostAfterAwait as unknown as typeof AsyncLocalStorage<number>)).toBe(false);
  });

  it('the fallback replaces the context manager classes and the default of NodeTracerProvider.register()', () => {
    class Fallback {
      enable() {
        return this;
      }
    }
    const registered: unknown[] = [];
    class NodeTracerProvider {
      register(config: { contextManager?: unknown } = {}) {
        registered.push(config.contextManager);
      }
    }
    class AsyncLocalStorageContextManager {}
    const packages = {
      '@opentelemetry/api': {},
      '@opentelemetry/context-async-hooks': { AsyncLocalStorageContextManager, AsyncHooksContextManager: AsyncLocalStorageContextManager },
      '@opentelemetry/sdk-trace-node': { NodeTracerProvider, other: 1 },
    };
    const result = withFallbackContext(packages, Fallback);
    const hooks = result['@opentelemetry/context-async-hooks'] as Record<string, new () => object>;
    expect(new hooks.AsyncLocalStorageContextManager!()).toBeInstanceOf(Fallback);
    expect(new hooks.AsyncHooksContextManager!()).toBeInstanceOf(Fallback);
    expect(hooks.AsyncLocalStorageContextManager!.name).toBe('AsyncLocalStorageContextManager');
    const node = result['@opentelemetry/sdk-trace-node'] as { NodeTracerProvider: typeof NodeTracerProvider; other: number };
    expect(node.other).toBe(1);
    expect(node.NodeTracerProvider.name).toBe('NodeTracerProvider');
    const own = { own: true };
    new node.NodeTracerProvider().register();
    new node.NodeTracerProvider().register({ contextManager: own });
    expect(registered[0]).toBeInstanceOf(Fallback);
    expect(registered[1]).toBe(own);
    // The packages given are not changed.
    expect(packages['@opentelemetry/context-async-hooks'].AsyncLocalStorageContextManager).toBe(AsyncLocalStorageContextManager);
  });
});
