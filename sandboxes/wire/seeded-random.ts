/**
 * The one seeded random generator of the course: mulberry32. Small, fast and good enough to vary
 * test inputs, made-up traces and pictures; the same seed always gives the same numbers, which is
 * what every user of it needs (a hidden input replayed with `--seed`, a trace that stays the same
 * between builds). Never for anything that must be unguessable.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `digits` lowercase hex digits drawn from `random`: a made-up trace or span id. */
export function randomHex(random: () => number, digits: number): string {
  return Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('');
}
