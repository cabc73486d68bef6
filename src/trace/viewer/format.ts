/**
 * Durations and offsets as a learner reads them, the same everywhere in the viewer: the largest
 * unit of ns, µs, ms and s that keeps the number at 1 or more, three significant digits, trailing
 * zeros dropped (`40 ns`, `1 µs`, `12.3 µs`, `4.2 ms`, `380 ms`, `2.05 s`); a minute or more as
 * `1 min 5 s`.
 */

const SIGNIFICANT_DIGITS = 3;
/** Units and their size in milliseconds, smallest first. */
const UNITS = [
  { unit: 'ns', ms: 1e-6 },
  { unit: 'µs', ms: 1e-3 },
  { unit: 'ms', ms: 1 },
  { unit: 's', ms: 1e3 },
] as const;
const MINUTE_MS = 60_000;

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  // Zero reads as the axis's origin: `0 ms`.
  if (ms === 0) return '0 ms';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs >= MINUTE_MS - 500) {
    const seconds = Math.round(abs / 1000);
    if (seconds >= 60) return `${sign}${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  }
  let u = 0;
  while (u < UNITS.length - 1 && abs >= UNITS[u + 1]!.ms) u++;
  let value = Number((abs / UNITS[u]!.ms).toPrecision(SIGNIFICANT_DIGITS));
  // 999.7 µs rounds to 1000 µs: that is 1 ms.
  if (value >= 1000 && u < UNITS.length - 1) {
    u++;
    value = Number((abs / UNITS[u]!.ms).toPrecision(SIGNIFICANT_DIGITS));
  }
  return `${sign}${value} ${UNITS[u]!.unit}`;
}

/** An offset from the trace start: `+26 ms`. */
export function formatOffset(ms: number): string {
  return `${ms < 0 ? '−' : '+'}${formatDuration(Math.abs(ms))}`;
}

/** `12,345`: digits grouped by three (without `toLocaleString`, whose first call loads locale data). */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 span`, `3 spans`, `10,000 spans`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** The first and last characters of a long id, for tight places: `5a1c0ffe…c1d0e9`. */
export function shortId(id: string): string {
  return id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-6)}` : id;
}
