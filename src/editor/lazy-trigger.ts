import type { LoadTrigger } from './types.ts';

/**
 * Calls `start` once, when the host is needed: when it comes near the viewport (`visible`), or
 * at the first focus, pointer press or key press inside it (every trigger but `now` includes
 * these). Returns a function that cancels the wait.
 */
export function whenNeeded(host: HTMLElement, trigger: LoadTrigger, start: () => void): () => void {
  let done = false;
  const cleanups: (() => void)[] = [];
  const fire = () => {
    if (done) return;
    done = true;
    cleanups.forEach((cleanup) => cleanup());
    start();
  };
  if (trigger === 'now') {
    fire();
    return () => undefined;
  }
  for (const type of ['focusin', 'pointerdown', 'keydown'] as const) {
    host.addEventListener(type, fire, { passive: true });
    cleanups.push(() => host.removeEventListener(type, fire));
  }
  if (trigger === 'visible' && 'IntersectionObserver' in window) {
    // A margin, so that a learner scrolling down finds the editor ready.
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && fire(), { rootMargin: '200px 0px' });
    observer.observe(host);
    cleanups.push(() => observer.disconnect());
  }
  return () => {
    done = true;
    cleanups.forEach((cleanup) => cleanup());
  };
}
