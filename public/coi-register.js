/*
 * Registers coi-serviceworker.js on hosts that cannot send the cross-origin isolation headers
 * (see that file for why). Loaded only by builds made with COURSE_ISOLATION=service-worker:
 *
 *   <script src="/base/coi-register.js" data-worker="/base/coi-serviceworker.js" data-scope="/base/"></script>
 *
 * It reloads the page at most once per tab session: if the page is still not isolated after
 * that (no service workers in a private window, or a browser that ignores the headers), the
 * course carries on without isolation and runs code in the in-page Worker instead.
 */
(() => {
  const script = document.currentScript;
  const RELOADED = 'course:coi-reloaded';
  const storage = (() => {
    try {
      return window.sessionStorage;
    } catch {
      return null;
    }
  })();

  if (window.crossOriginIsolated) {
    // Isolated: a later hard reload (which bypasses the worker) may reload once again.
    storage?.removeItem(RELOADED);
    return;
  }
  // Without session storage a reload could loop forever: stay unisolated instead.
  if (!script || !storage || !window.isSecureContext || !('serviceWorker' in navigator)) return;

  const reloadOnce = () => {
    if (storage.getItem(RELOADED)) return;
    storage.setItem(RELOADED, '1');
    window.location.reload();
  };

  navigator.serviceWorker.addEventListener('controllerchange', reloadOnce);
  navigator.serviceWorker
    .register(script.dataset.worker, { scope: script.dataset.scope })
    .then((registration) => {
      // Already active from an earlier visit (a hard reload bypasses it): a normal reload goes
      // through it. A new worker instead fires controllerchange once it has claimed the page.
      if (registration.active) reloadOnce();
    })
    .catch((error) => {
      console.warn('Cross-origin isolation: the service worker could not be registered.', error);
    });
})();
