/**
 * The transpiler Worker goes first. While it loads (3.5 MB of TypeScript to parse and evaluate)
 * or compiles, the page holds back start-up work that would take the CPU and the main thread
 * from it: mounting Monaco (whose workers start with it) and the service worker's first install
 * (it downloads the whole site). On two cores, an edited Run right after page load took about
 * twice as long with both competing (bench: "first Run right after page load, edited").
 *
 * The state lives on `globalThis` under a registered symbol, as `run-activity.ts` does, so that
 * it is one state even if two bundles of the page each carry a copy of this module.
 */

/** No hold lasts longer: a compiler that never loads must not keep the editor away for good. */
export const LONGEST_HOLD_MS = 10_000;

interface PriorityState {
  holds: number;
  waiting: (() => void)[];
}

const KEY = Symbol.for('course.compilerPriority');

function state(): PriorityState {
  const holder = globalThis as { [KEY]?: PriorityState };
  holder[KEY] ??= { holds: 0, waiting: [] };
  return holder[KEY];
}

/** Holds other start-up work back until the function it returns is called (once counts), or `LONGEST_HOLD_MS`. */
export function holdForCompiler(): () => void {
  const current = state();
  current.holds++;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    clearTimeout(timer);
    current.holds = Math.max(0, current.holds - 1);
    if (current.holds === 0) for (const resume of current.waiting.splice(0)) resume();
  };
  const timer = setTimeout(release, LONGEST_HOLD_MS);
  return release;
}

/** True while the compiler holds start-up work back. */
export function compilerHolds(): boolean {
  return state().holds > 0;
}

/** Resolves at once when nothing is held, otherwise when the last hold ends. */
export function afterCompilerHolds(): Promise<void> {
  const current = state();
  if (current.holds === 0) return Promise.resolve();
  return new Promise((resolve) => current.waiting.push(resolve));
}
