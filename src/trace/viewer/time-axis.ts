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
    ticks.push({ ms, percent: ((ms - window.start) / length) * 100, label: formatDuration(Math.abs(ms) < step * 1e-9 ? 0 : ms) });
  }
  return { ticks, spacingPercent: (step / length) * 100, offsetPercent: ((first - window.start) / length) * 100 };
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
