/**
 * The scenario's inputs: every value a scenario hands the learner's code (an order id, a tenant,
 * an environment) goes through `input(name, visible, hidden)` of `@course/sandbox`. The run the
 * learner sees gets `visible`; a hidden run gets `hidden(random)`, drawn from the run's seed, so
 * a program that returns fixed answers fails, and the same seed gives the same values again.
 * Either way the value used is reported to the checks, which grade against it.
 */
import { seededRandom } from '../wire/seeded-random.ts';

/** Seeded choices for a hidden input. */
export interface InputRandom {
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One of the items. */
  pick<T>(items: readonly T[]): T;
  /** `length` lowercase letters and digits. */
  word(length: number): string;
}

export type Input = <T>(name: string, visible: T, hidden: (random: InputRandom) => T) => T;

/** In the learner's files, and in plain Node: the visible value, reported to nobody. */
export const visibleInput: Input = (_name, visible) => visible;

/** FNV-1a of the input's name, so that each input draws from its own stream whatever the order of calls. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function inputRandom(seed: number, name: string): InputRandom {
  const next = seededRandom((seed ^ hashName(name)) >>> 0);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    int,
    pick: <T>(items: readonly T[]) => items[int(0, items.length - 1)]!,
    word: (length: number) => Array.from({ length }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[int(0, 35)]).join(''),
  };
}

/**
 * `observe(name, value)`: what the scenario saw the program return, reported to the checks
 * directly (not printed, where a program could print it too). In the learner's files it does nothing.
 */
export type Observe = (name: string, value: unknown) => void;
export const unreportedObservation: Observe = () => undefined;

/** `input()` for the exercise's own files: the visible or the seeded value, reported with its name. */
export function reportingInput(seed: number | undefined, report: (name: string, value: unknown) => void): Input {
  return (name, visible, hidden) => {
    const value = seed === undefined ? visible : hidden(inputRandom(seed, String(name)));
    report(String(name), value);
    return value;
  };
}
