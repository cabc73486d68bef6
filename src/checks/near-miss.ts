/**
 * "Did you mean ...?" for names: span names, attribute keys, event names. Learners most often
 * differ from the expected name in case or separators (`chargePayment`, `charge_payment`,
 * `order.id` vs `order_id`), so names are compared with those removed, then by edit distance.
 */

/** Lower case without spaces, dots, dashes, underscores, slashes or colons. */
const normalise = (name: string): string => name.toLowerCase().replace(/[\s._\-/:]+/g, '');

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidates closest to `wanted` (at most two, best first), or none when nothing is close:
 * after normalising, at most one edit per four characters (and at least one edit allowed).
 */
export function nearMisses(wanted: string, candidates: Iterable<string>): string[] {
  const target = normalise(wanted);
  const scored: Array<{ name: string; distance: number; raw: number }> = [];
  for (const name of new Set(candidates)) {
    if (name === wanted) continue;
    const other = normalise(name);
    // Names far longer or shorter cannot be within the limit; skip the quadratic distance.
    const limit = Math.max(1, Math.floor(Math.max(target.length, other.length) / 4));
    if (Math.abs(target.length - other.length) > limit || name.length > 200) continue;
    const distance = editDistance(target, other);
    if (distance <= limit) scored.push({ name, distance, raw: editDistance(wanted.toLowerCase(), name.toLowerCase()) });
  }
  scored.sort((a, b) => a.distance - b.distance || a.raw - b.raw || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const best = scored[0]?.distance;
  return scored.filter((s) => s.distance === best).slice(0, 2).map((s) => s.name);
}
