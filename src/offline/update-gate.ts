import type { RunActivity } from './run-activity.ts';

export type UpdateGateState = 'idle' | 'waiting-for-run' | 'applied';

/**
 * Applies a waiting version of the course only when no Run is in flight: `request()` applies it
 * at once when the page is idle, and otherwise when the last Run in flight ends. It applies once.
 */
export class UpdateGate {
  private current: UpdateGateState = 'idle';
  private stop: (() => void) | undefined;
  private readonly activity: RunActivity;
  private readonly apply: () => void;

  constructor(activity: RunActivity, apply: () => void) {
    this.activity = activity;
    this.apply = apply;
  }

  get state(): UpdateGateState {
    return this.current;
  }

  /** The learner asked for the new version. */
  request(): UpdateGateState {
    if (this.current !== 'idle') return this.current;
    if (this.activity.inFlight === 0) return this.applyNow();
    this.current = 'waiting-for-run';
    this.stop = this.activity.subscribe((inFlight) => {
      if (inFlight === 0) this.applyNow();
    });
    return this.current;
  }

  private applyNow(): UpdateGateState {
    this.stop?.();
    this.stop = undefined;
    this.current = 'applied';
    this.apply();
    return this.current;
  }
}
