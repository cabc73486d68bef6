/**
 * How many Runs are in flight in this page, for the service worker's update gate
 * (`update-gate.ts`): a new version of the course must not take over in the middle of a Run,
 * whose lazily loaded chunks would then come from another build. RunSession reports every Run;
 * the count lives on `globalThis` under a registered symbol, so that it is one count even if two
 * bundles of the page each carry a copy of this module. Outside a browser it is only a number.
 */
export interface RunActivity {
  /** Runs in flight now. */
  readonly inFlight: number;
  /** Calls `listener` after every change of the count; returns the function that stops it. */
  subscribe(listener: (inFlight: number) => void): () => void;
}

interface RunActivityState {
  inFlight: number;
  listeners: Set<(inFlight: number) => void>;
}

const KEY = Symbol.for('course.runActivity');

function state(): RunActivityState {
  const holder = globalThis as { [KEY]?: RunActivityState };
  holder[KEY] ??= { inFlight: 0, listeners: new Set() };
  return holder[KEY];
}

function change(delta: number): void {
  const current = state();
  current.inFlight = Math.max(0, current.inFlight + delta);
  for (const listener of [...current.listeners]) listener(current.inFlight);
}

/** Marks a Run as started; the function it returns marks it ended (once, however often called). */
export function runStarted(): () => void {
  change(1);
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    change(-1);
  };
}

export const runActivity: RunActivity = {
  get inFlight() {
    return state().inFlight;
  },
  subscribe(listener) {
    const { listeners } = state();
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
