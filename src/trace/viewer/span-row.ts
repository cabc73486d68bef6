/**
 * One row of the span tree: its elements (made once, then refilled as the list scrolls) and how
 * an item fills them. Positions come from numbers only (percentages of the time window, row
 * index times row height): nothing here measures layout.
 */
import type { CriticalPath } from '../critical-path.ts';
import type { TraceView, TreeItem } from '../model.ts';
import type { SpanAnnotator } from './annotations.ts';
import { el } from './dom.ts';
import { formatDuration, plural } from './format.ts';
import { toPercent, windowLength, type TimeWindow } from './time-axis.ts';

/** What rows are drawn from; the viewer owns it and passes it on every refresh. */
export interface RowContext {
  trace: TraceView;
  window: TimeWindow;
  expanded: Uint8Array;
  /** Per item: 1 when it matches the filter. */
  isMatch: Uint8Array;
  /** In "matches only" mode: per item, 1 when a match is below it (else undefined). */
  hasMatchBelow: Uint8Array | undefined;
  selected: number;
  critical: CriticalPath | undefined;
  /** What the page adds to each span's row (a comparison with the reference), if anything. */
  annotate?: SpanAnnotator | undefined;
}

export interface RowElements {
  root: HTMLElement;
  toggle: HTMLElement;
  swatch: HTMLElement;
  name: HTMLElement;
  /** The span's service, after its name on every row (as Jaeger UI shows it), muted. */
  service: HTMLElement;
  badges: HTMLElement;
  track: HTMLElement;
  bar: HTMLElement;
  /** Another timing of the span (the reference's, in a comparison), thin, under the bar. */
  otherBar: HTMLElement;
  segments: HTMLElement;
  duration: HTMLElement;
  /** Item the row shows, and the context version it was filled for. */
  item: number;
  version: number;
}

/** Segments narrower than this share of the window are merged with their neighbour when drawn. */
const SEGMENT_MERGE_SHARE = 0.004;
const MAX_SEGMENTS_DRAWN = 40;

export function createRow(): RowElements {
  const toggle = el('span', { className: 'tv-toggle', attrs: { 'aria-hidden': 'true' } });
  const swatch = el('span', { className: 'tv-swatch', attrs: { 'aria-hidden': 'true' } });
  const name = el('span', { className: 'tv-name' });
  const service = el('span', { className: 'tv-service' });
  const badges = el('span', { className: 'tv-badges', attrs: { 'aria-hidden': 'true' } });
  const nameCell = el('div', { className: 'tv-cell tv-cell--name', attrs: { role: 'gridcell' } }, [toggle, swatch, name, service, badges]);
  const bar = el('div', { className: 'tv-bar' });
  const otherBar = el('div', { className: 'tv-other-bar' });
  otherBar.hidden = true;
  const segments = el('div', { className: 'tv-segments' });
  const track = el('div', { className: 'tv-track' }, [bar, otherBar, segments]);
  const timeCell = el('div', { className: 'tv-cell tv-cell--time', attrs: { role: 'gridcell' } }, [track]);
  const duration = el('div', { className: 'tv-cell tv-cell--duration', attrs: { role: 'gridcell' } });
  const root = el('div', { className: 'tv-row', attrs: { role: 'row', tabindex: '-1' } }, [nameCell, timeCell, duration]);
  return { root, toggle, swatch, name, service, badges, track, bar, otherBar, segments, duration, item: -1, version: -1 };
}

export function canExpand(item: TreeItem, ctx: RowContext): boolean {
  return ctx.hasMatchBelow ? ctx.hasMatchBelow[item.index] === 1 : item.descendantCount > 0;
}

function durationText(item: TreeItem): string {
  if (item.kind !== 'span') return '';
  if (item.unfinished) return `≥ ${formatDuration(item.endMs - item.startMs)}`;
  return formatDuration(item.durationMs!);
}

/**
 * The row's accessible name: span name first, then duration (the UI contract), then what a
 * sighted learner sees as colour and icons.
 */
export function rowLabel(item: TreeItem, ctx: RowContext): string {
  if (item.kind === 'missing-parent') {
    return `Missing parent, ${plural(item.children.length, 'span')} whose parent is not in this data`;
  }
  const parts = [item.record.name];
  parts.push(item.unfinished ? `never ended, running at least ${formatDuration(item.endMs - item.startMs)}` : formatDuration(item.durationMs!));
  parts.push(item.service);
  const note = ctx.annotate?.(item.record);
  if (note) parts.push(note.words);
  if (item.isError) parts.push('error');
  if (ctx.critical?.isBottleneck[item.index] === 1) parts.push('bottleneck');
  else if ((ctx.critical?.selfMs[item.index] ?? 0) > 0) parts.push('on the critical path');
  if (item.startsBeforeParent || item.endsAfterParent) parts.push('outside its parent (clock skew)');
  if (item.duplicateId) parts.push('duplicate span id');
  if (ctx.isMatch[item.index] === 1) parts.push('matches the filter');
  return parts.join(', ');
}

/** What a row's badges say: an icon always, the word too where the row is wide enough (CSS). */
export const BADGES = {
  error: { icon: '⚠', word: 'error', kind: 'error' },
  bottleneck: { icon: '◆', word: 'bottleneck', kind: 'bottleneck' },
  unfinished: { icon: '…', word: 'unfinished', kind: 'warn' },
  skew: { icon: '⇆', word: 'skew', kind: 'warn' },
  duplicate: { icon: '#', word: 'dup id', kind: 'warn' },
  missingParent: { icon: '⚠', word: '', kind: 'warn' },
} as const;

export function badge(which: keyof typeof BADGES, title?: string): HTMLElement {
  const { icon, word, kind } = BADGES[which];
  const node = el('span', { className: `tv-badge tv-badge--${kind}`, text: icon });
  if (word) node.append(el('span', { className: 'tv-badge__word', text: ` ${word}` }));
  if (title) node.title = title;
  return node;
}

export function fillRow(row: RowElements, item: TreeItem, ctx: RowContext, version: number): void {
  row.item = item.index;
  row.version = version;
  const { root } = row;
  root.dataset.index = String(item.index);
  root.setAttribute('aria-level', String(item.depth + 1));
  root.setAttribute('aria-posinset', String(item.position));
  root.setAttribute('aria-setsize', String(item.siblingCount));
  root.setAttribute('aria-selected', ctx.selected === item.index ? 'true' : 'false');
  root.setAttribute('aria-label', rowLabel(item, ctx));
  const expandable = canExpand(item, ctx);
  if (expandable) root.setAttribute('aria-expanded', ctx.expanded[item.index] === 1 ? 'true' : 'false');
  else root.removeAttribute('aria-expanded');
  row.toggle.textContent = expandable ? (ctx.expanded[item.index] === 1 ? '▾' : '▸') : '';
  root.style.setProperty('--depth', String(item.depth));
  root.classList.toggle('tv-row--match', ctx.isMatch[item.index] === 1);

  const badges: HTMLElement[] = [];
  if (item.kind === 'missing-parent') {
    root.dataset.kind = 'group';
    root.dataset.key = item.key;
    delete root.dataset.annotation;
    delete root.dataset.service;
    delete root.dataset.error;
    delete root.dataset.bottleneck;
    row.swatch.hidden = true;
    row.name.textContent = `Missing parent (${plural(item.children.length, 'span')})`;
    row.service.textContent = '';
    row.duration.textContent = '';
    row.bar.hidden = true;
    row.otherBar.hidden = true;
    delete root.dataset.otherTiming;
    row.segments.replaceChildren();
    badges.push(badge('missingParent', 'These spans name a parent span that is not in this data'));
    row.badges.replaceChildren(...badges);
    return;
  }

  root.dataset.kind = 'span';
  root.dataset.key = item.key;
  root.dataset.service = String(item.serviceIndex % 6);
  row.swatch.hidden = false;
  row.name.textContent = item.record.name;
  row.name.title = item.record.name;
  // Every row, not only where services change: which process did the work is what a learner
  // reads a distributed trace for, and the swatch's colour alone says it to no one.
  row.service.textContent = item.service;
  row.duration.textContent = durationText(item);
  const bottleneck = ctx.critical?.isBottleneck[item.index] === 1;
  if (item.isError) root.dataset.error = '';
  else delete root.dataset.error;
  if (bottleneck) root.dataset.bottleneck = '';
  else delete root.dataset.bottleneck;
  root.classList.toggle('tv-row--unfinished', item.unfinished);

  // The row's accessible name says all of these in words.
  if (item.isError) badges.push(badge('error', item.record.status.message ? `Error: ${item.record.status.message}` : 'Error status'));
  if (bottleneck) badges.push(badge('bottleneck', 'Most of the trace’s critical path is in this span'));
  if (item.unfinished) badges.push(badge('unfinished', 'This span never ended: drawn up to the end of the trace'));
  if (item.startsBeforeParent || item.endsAfterParent) {
    badges.push(badge('skew', 'Starts before or ends after its parent (clock skew?)'));
  }
  if (item.duplicateId) badges.push(badge('duplicate', 'Another span in this trace has the same span id'));
  const note = ctx.annotate?.(item.record);
  for (const mark of note?.marks ?? []) {
    const node = el('span', { className: `tv-badge tv-badge--note tv-badge--${mark.tone}`, text: mark.icon }, [el('span', { className: 'tv-badge__word', text: ` ${mark.word}` })]);
    node.title = mark.title;
    badges.push(node);
  }
  if (note?.rowState) root.dataset.annotation = note.rowState;
  else delete root.dataset.annotation;
  row.badges.replaceChildren(...badges);

  // Bar: its own times on the shared axis; the track clips what falls outside a zoomed window.
  const { window } = ctx;
  placeBar(row.bar, window, item.startMs, item.endMs);
  const other = note?.otherTiming;
  if (other) {
    const start = item.startMs + other.offsetMs;
    placeBar(row.otherBar, window, start, start + other.durationMs);
    root.dataset.otherTiming = '';
  } else {
    row.otherBar.hidden = true;
    delete root.dataset.otherTiming;
  }

  drawSegments(row, item.index, ctx, window);
}

/**
 * Places a bar on the window's axis. A bar that runs past an edge is cut there, and says so in
 * `data-cut` (start, end or both), so that a line longer than the axis does not look complete.
 */
function placeBar(bar: HTMLElement, window: TimeWindow, start: number, end: number): void {
  const left = toPercent(window, start);
  const right = toPercent(window, end);
  const visible = right >= 0 && left <= 100;
  bar.hidden = !visible;
  if (!visible) return;
  const from = Math.max(left, -1);
  const to = Math.min(right, 101);
  bar.style.left = `${from}%`;
  bar.style.width = `${Math.max(to - from, 0)}%`;
  const cut = [left < 0 ? 'start' : '', right > 100 ? 'end' : ''].filter(Boolean).join(' ');
  if (cut) bar.dataset.cut = cut;
  else delete bar.dataset.cut;
}

function drawSegments(row: RowElements, index: number, ctx: RowContext, window: TimeWindow): void {
  const path = ctx.critical;
  const from = path ? path.segmentOffsets[index]! : 0;
  const to = path ? path.segmentOffsets[index + 1]! : 0;
  if (!path || from === to) {
    if (row.segments.firstChild) row.segments.replaceChildren();
    return;
  }
  const times = path.segmentTimes;
  const mergeGap = windowLength(window) * SEGMENT_MERGE_SHARE;
  const spans: Array<[number, number]> = [];
  for (let k = from; k < to; k++) {
    const start = times[2 * k]!;
    const end = times[2 * k + 1]!;
    if (end < window.start || start > window.end) continue;
    const last = spans[spans.length - 1];
    if (last !== undefined && start - last[1] < mergeGap) last[1] = end;
    else spans.push([start, end]);
  }
  const shown = spans.slice(0, MAX_SEGMENTS_DRAWN);
  const nodes = row.segments.children;
  while (nodes.length > shown.length) row.segments.lastChild!.remove();
  while (nodes.length < shown.length) row.segments.append(el('div', { className: 'tv-segment' }));
  shown.forEach(([start, end], i) => {
    const node = nodes[i] as HTMLElement;
    const l = Math.max(toPercent(window, start), 0);
    const r = Math.min(toPercent(window, end), 100);
    node.style.left = `${l}%`;
    node.style.width = `${Math.max(r - l, 0)}%`;
  });
}
