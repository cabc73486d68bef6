import typescriptWorkerUrl from './typescript.worker.ts?worker&url';
import { afterCompilerHolds } from '../../runtime/compiler-priority.ts';
import { whenIdle } from '../../scripts/when-idle.ts';

let asked = false;

/**
 * The course's service worker caches the editor's TypeScript worker, the compiler of an edited
 * Run, the first time a page fetches it (it is left out of the precache: 6.9 MB). Since that
 * worker starts only when the learner comes to an editor (`worker-gate.ts`), a page controlled by
 * the service worker fetches its script once it is quiet, without running it, so that an edited
 * Run still works offline after any visit to an exercise online.
 */
export function cacheCompilerForOffline(): void {
  const container = navigator.serviceWorker as ServiceWorkerContainer | undefined;
  if (asked || !container) return;
  asked = true;
  const controlled = container.controller
    ? Promise.resolve()
    : new Promise<void>((resolve) => container.addEventListener('controllerchange', () => resolve(), { once: true }));
  void controlled
    .then(afterCompilerHolds)
    .then(() => new Promise<void>((resolve) => whenIdle(resolve, { timeoutMs: 5_000, fallbackMs: 1_000 })))
    // The service worker keeps its own copy of the response; the page only reads it to the end.
    .then(() => fetch(typescriptWorkerUrl, { priority: 'low' }))
    .then((response) => response.arrayBuffer())
    .catch(() => undefined);
}
