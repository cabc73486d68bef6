import { runActivity } from './run-activity.ts';
import { UpdateGate } from './update-gate.ts';

/**
 * Registers the course's service worker (sw.js, see ./integration.ts) and announces a new
 * version of the course once it is installed and waiting: "A new version of the course is
 * available — Reload". The waiting worker takes over only when the learner asks, and then only
 * once no Run is in flight (./update-gate.ts): the page reloads into the new version right after.
 * On a build made with COURSE_ISOLATION=service-worker, public/coi-register.js registers the same
 * worker first and reloads once into isolation; registering it again here is harmless.
 */
export function registerServiceWorker(workerUrl: string, scope: string, notice: HTMLElement): void {
  const container = navigator.serviceWorker;
  let announced = false;
  const announce = (waiting: ServiceWorker) => {
    if (announced) return;
    announced = true;
    showUpdateNotice(notice, waiting);
  };
  // Undefined where an embedder blocks service workers without failing `register` (automation
  // does): then there is nothing to watch.
  const watch = (registration: ServiceWorkerRegistration | undefined) => {
    if (!registration) return;
    if (registration.waiting && container.controller) announce(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const installing = registration.installing;
      installing?.addEventListener('statechange', () => {
        // Without a controller this is the first install, which takes the page by itself.
        if (installing.state === 'installed' && container.controller) announce(installing);
      });
    });
  };
  container.register(workerUrl, { scope }).then(watch, (error: unknown) => {
    console.warn('The course could not install its offline service worker.', error);
  });
}

function showUpdateNotice(notice: HTMLElement, waiting: ServiceWorker): void {
  const text = document.createElement('span');
  text.textContent = 'A new version of the course is available.';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button button--primary update-notice__button';
  button.textContent = 'Reload';
  const gate = new UpdateGate(runActivity, () => {
    // The new worker takes control, and the page follows it into the new version.
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload());
    waiting.postMessage({ type: 'SKIP_WAITING' });
  });
  button.addEventListener('click', () => {
    button.disabled = true;
    if (gate.request() === 'waiting-for-run') text.textContent = 'The course reloads into its new version when the Run ends.';
  });
  notice.replaceChildren(text, button);
  notice.hidden = false;
}
