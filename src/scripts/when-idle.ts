export interface IdleOptions {
  /** Run by then even if the page never goes idle (requestIdleCallback's `timeout`). */
  timeoutMs?: number;
  /** Where there is no requestIdleCallback (Safari): run after this delay instead. */
  fallbackMs: number;
}

/** Runs `fn` once the page is idle: work that must not compete with what the learner opened. */
export function whenIdle(fn: () => void, { timeoutMs, fallbackMs }: IdleOptions): void {
  if (window.requestIdleCallback) window.requestIdleCallback(fn, timeoutMs === undefined ? undefined : { timeout: timeoutMs });
  else setTimeout(fn, fallbackMs);
}
