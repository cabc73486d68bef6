/**
 * The shared time axis: a window [start, end] of ms offsets from the trace start (the whole
 * trace, or a zoomed part), positions in it as percentages, and evenly spaced "nice" ticks.
 */
import { formatDuration } from './format.ts';

export interface TimeWindow {
  start: number;
  end: number;
}

export interface Tick {
  ms: number;
  /** Position on the axis, 0-100. */
  percent: number;
  label: string;
  /** Where the label sits on its line: centred, except at the very ends, where it stays inside the axis. */
  align: 'start' | 'centre' | 'end';
}

export interface AxisTicks {
  ticks: Tick[];
  /** Distance between ticks and offset of the first one, in percent (for CSS grid lines). */
  spacingPercent: number;
  offsetPercent: number;
}

/** Shortest window the zoom allows: a few µs, so zero-length traces still get an axis. */
export const MIN_WINDOW_MS = 0.001;

/** 1, 2 or 5 times a power of ten, so that `length` gets about `target` ticks. */
export function niceStep(length: number, target: number): number {
  if (!(length > 0)) return 1;
  const raw = length / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

export function windowLength(window: TimeWindow): number {
  return Math.max(window.end - window.start, MIN_WINDOW_MS);
}

export function toPercent(window: TimeWindow, ms: number): number {
  return ((ms - window.start) / windowLength(window)) * 100;
}

export function axisTicks(window: TimeWindow, target = 5): AxisTicks {
  const length = windowLength(window);
  const step = niceStep(length, target);
  const first = Math.ceil(window.start / step - 1e-9) * step;
  const ticks: Tick[] = [];
  for (let k = 0; k < 50; k++) {
    const ms = first + k * step;
    if (ms > window.end + step * 1e-6) break;
    // Labels read as offsets from the trace start; `0 ms` rather than `-0 ms`.
    const percent = ((ms - window.start) / length) * 100;
    const align = percent < 4 ? 'start' : percent > 96 ? 'end' : 'centre';
    ticks.push({ ms, percent, align, label: formatDuration(Math.abs(ms) < step * 1e-9 ? 0 : ms) });
  }
  return { ticks, spacingPercent: (step / length) * 100, offsetPercent: ((first - window.start) / length) * 100 };
}

/** Width of one character of a tick label (0.7rem monospace), the padding at the axis ends, and the least gap between labels, in px. */
const LABEL_CHAR_PX = 7;
const LABEL_END_PADDING_PX = 3;
const LABEL_GAP_PX = 10;

/** Left and right edge (px) of a tick's label on an axis `width` px wide. */
function labelExtent(tick: Tick, width: number): [number, number] {
  const x = (tick.percent / 100) * width;
  const w = tick.label.length * LABEL_CHAR_PX;
  if (tick.align === 'start') return [x, x + w + LABEL_END_PADDING_PX];
  if (tick.align === 'end') return [x - w - LABEL_END_PADDING_PX, x];
  return [x - w / 2, x + w / 2];
}

/** True when no two labels of `axis` overlap (or come closer than the gap) on an axis `width` px wide. */
export function labelsFit(axis: AxisTicks, width: number): boolean {
  for (let i = 1; i < axis.ticks.length; i++) {
    if (labelExtent(axis.ticks[i - 1]!, width)[1] + LABEL_GAP_PX > labelExtent(axis.ticks[i]!, width)[0]) return false;
  }
  return true;
}

/**
 * Ticks for an axis `width` px wide: about `target` of them, fewer when their labels would
 * overlap ("0 ms10 ms"), down to a single one. A width of 0 (not laid out yet) keeps `target`.
 */
export function ticksForWidth(window: TimeWindow, width: number, target = 5): AxisTicks {
  let axis = axisTicks(window, target);
  for (let fewer = target - 1; width > 0 && fewer >= 1 && !labelsFit(axis, width); fewer--) axis = axisTicks(window, fewer);
  if (width > 0 && !labelsFit(axis, width)) axis = { ...axis, ticks: axis.ticks.slice(0, 1) };
  return axis;
}

/** Keeps a window inside [0, total] and at least MIN_WINDOW_MS long. */
export function clampWindow(window: TimeWindow, total: number): TimeWindow {
  const full = Math.max(total, MIN_WINDOW_MS);
  let length = Math.min(Math.max(window.end - window.start, MIN_WINDOW_MS), full);
  let start = Math.min(Math.max(window.start, 0), full - length);
  if (!Number.isFinite(start)) start = 0;
  if (!Number.isFinite(length)) length = full;
  return { start, end: start + length };
}

/** Zooms by `factor` (< 1 zooms in) around `center` (ms). */
export function zoomWindow(window: TimeWindow, total: number, factor: number, center = (window.start + window.end) / 2): TimeWindow {
  const length = windowLength(window) * factor;
  const ratio = (center - window.start) / windowLength(window);
  return clampWindow({ start: center - ratio * length, end: center - ratio * length + length }, total);
}

export function panWindow(window: TimeWindow, total: number, deltaMs: number): TimeWindow {
  return clampWindow({ start: window.start + deltaMs, end: window.end + deltaMs }, total);
}

export function isWholeTrace(window: TimeWindow, total: number): boolean {
  return window.start <= 0 && window.end >= total;
}
