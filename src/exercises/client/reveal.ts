/** A vertical stretch of the page, in viewport coordinates (what getBoundingClientRect gives). */
export interface Band {
  top: number;
  bottom: number;
}

interface Range {
  lo: number;
  hi: number;
}

const clamp = (value: number, { lo, hi }: Range) => Math.min(hi, Math.max(lo, value));

/** Scroll offsets that show `band` whole inside `view`; when it is taller, those that show its top. */
function showing(band: Band, view: Band): Range {
  const lo = band.bottom - view.bottom;
  const hi = band.top - view.top;
  return lo <= hi ? { lo, hi } : { lo: hi, hi };
}

/**
 * How far to scroll down (negative: up) so that `keep` is in view and as much of `want` as can
 * be with it, moving the page as little as possible. `keep` is Run and the summary beside it, `want` the
 * results: the learner sees where they ran and what came of it together.
 */
export function revealDelta(keep: Band, want: Band, view: Band): number {
  const mustShow = showing(keep, view);
  const wouldShow = showing(want, view);
  const lo = Math.max(mustShow.lo, wouldShow.lo);
  const hi = Math.min(mustShow.hi, wouldShow.hi);
  if (lo <= hi) return clamp(0, { lo, hi });
  return clamp(clamp(0, wouldShow), mustShow);
}

/** Scrolls the page so that the toolbar (Run and the summary) and the results show, smoothly unless the learner asks for less motion. */
export function revealResults(toolbar: HTMLElement, results: HTMLElement): void {
  const header = document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0;
  const margin = 12;
  const delta = revealDelta(toolbar.getBoundingClientRect(), results.getBoundingClientRect(), { top: Math.max(0, header) + margin, bottom: window.innerHeight - margin });
  if (Math.abs(delta) < 1) return;
  const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
  window.scrollBy({ top: delta, behavior: smooth ? 'smooth' : 'auto' });
}
