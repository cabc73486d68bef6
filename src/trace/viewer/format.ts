/** Durations and offsets as a learner reads them: µs below 1 ms, ms below 1 s, then seconds. */

function trim(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const abs = Math.abs(ms);
  if (abs === 0) return '0 ms';
  // Records keep nanoseconds: a 40 ns span is not "0 µs".
  if (abs < 0.001) return `${trim(ms * 1e6, 0)} ns`;
  if (abs < 1) return `${trim(ms * 1000, abs < 0.01 ? 2 : abs < 0.1 ? 1 : 0)} µs`;
  if (abs < 10) return `${trim(ms, 2)} ms`;
  if (abs < 100) return `${trim(ms, 1)} ms`;
  if (abs < 1000) return `${trim(ms, 0)} ms`;
  if (abs < 60_000) return `${trim(ms / 1000, abs < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(abs / 60_000);
  const seconds = (abs - minutes * 60_000) / 1000;
  return `${ms < 0 ? '-' : ''}${minutes} min ${trim(seconds, 0)} s`;
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
