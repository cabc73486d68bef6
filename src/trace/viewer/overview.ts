/**
 * The overview (minimap): every row of the tree as a thin line on the whole trace's time axis,
 * drawn on one canvas, with the zoom window on top. Drag across it to zoom into a time range;
 * drag the window to pan. The window is also a slider for the keyboard: Left/Right pan,
 * +/- zoom, Home/End jump, Escape shows the whole trace.
 */
import type { SpanNode, TraceView } from '../model.ts';
import { el } from './dom.ts';
import { formatDuration } from './format.ts';
import { clampWindow, isWholeTrace, panWindow, windowLength, zoomWindow, type TimeWindow } from './time-axis.ts';

export interface OverviewEvents {
  onWindow(window: TimeWindow): void;
}

const HEIGHT = 40;
const SERVICE_COLOURS = 6;
/** Most lines drawn; a 40 px strip shows no more (errors are always drawn). */
const MAX_LINES_DRAWN = 4_000;
/** A drag shorter than this (px) is a click. */
const DRAG_THRESHOLD = 4;

export class TraceOverview {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly windowBox: HTMLElement;
  private readonly selection: HTMLElement;
  private readonly events: OverviewEvents;
  private trace: TraceView | undefined;
  private rows: Int32Array = new Int32Array(0);
  private total = 0;
  private window: TimeWindow = { start: 0, end: 0 };
  private width = 0;
  private drawn = false;

  constructor(events: OverviewEvents) {
    this.events = events;
    this.canvas = el('canvas', { className: 'tv-overview__canvas', attrs: { 'aria-hidden': 'true' } });
    this.selection = el('div', { className: 'tv-overview__selection', attrs: { 'aria-hidden': 'true' } });
    this.selection.hidden = true;
    this.windowBox = el('div', {
      className: 'tv-overview__window',
      attrs: { role: 'slider', tabindex: '0', 'aria-label': 'Visible time range', 'aria-valuemin': '0' },
    });
    this.element = el('div', { className: 'tv-overview' }, [this.canvas, this.windowBox, this.selection]);
    this.element.addEventListener('pointerdown', (event) => this.onPointerDown(event));
    this.windowBox.addEventListener('keydown', (event) => this.onKeyDown(event));
  }

  /** Rows to draw (item indices, top to bottom) of `trace`. */
  setRows(trace: TraceView, rows: Int32Array): void {
    this.trace = trace;
    this.rows = rows;
    this.total = trace.durationMs;
    this.draw();
  }

  setWindow(window: TimeWindow): void {
    this.window = window;
    const total = Math.max(this.total, 1e-9);
    this.windowBox.style.left = `${(window.start / total) * 100}%`;
    this.windowBox.style.width = `${(windowLength(window) / total) * 100}%`;
    this.windowBox.toggleAttribute('data-zoomed', !isWholeTrace(window, this.total));
    this.windowBox.setAttribute('aria-valuemax', String(round(Math.max(0, this.total - windowLength(window)))));
    this.windowBox.setAttribute('aria-valuenow', String(round(window.start)));
    this.windowBox.setAttribute('aria-valuetext', `${formatDuration(window.start)} to ${formatDuration(window.end)} of ${formatDuration(this.total)}`);
  }

  /** The container's width changed (from the viewer's ResizeObserver: no measuring here). */
  setWidth(width: number): void {
    if (Math.abs(width - this.width) < 1 && this.drawn) return;
    this.width = width;
    this.draw();
  }

  /** Colours come from CSS custom properties: redraw when the theme changes. */
  draw(): void {
    const trace = this.trace;
    if (!trace || this.width <= 0) return;
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    const w = Math.round(this.width * ratio);
    const h = Math.round(HEIGHT * ratio);
    if (this.canvas.width !== w) this.canvas.width = w;
    if (this.canvas.height !== h) this.canvas.height = h;
    const g = this.canvas.getContext('2d');
    if (!g) return;
    const style = getComputedStyle(this.element);
    const colours = Array.from({ length: SERVICE_COLOURS }, (_, i) => style.getPropertyValue(`--service-${i}`).trim() || '#888');
    const errorColour = style.getPropertyValue('--error').trim() || '#c00';
    g.clearRect(0, 0, w, h);

    const rows = this.rows;
    const count = rows.length;
    if (count === 0) return;
    const total = Math.max(this.total, 1e-9);
    const lineHeight = Math.max(h / count, 1);
    const scaleX = w / total;
    // More rows than pixels: draw an even sample (plus every error), as a 40 px strip cannot show more.
    const stride = count > MAX_LINES_DRAWN ? Math.ceil(count / MAX_LINES_DRAWN) : 1;
    const drawn: number[] = [];
    for (let r = 0; r < count; r++) {
      const item = trace.items[rows[r]!]!;
      if (item.kind === 'span' && (r % stride === 0 || (item.isError && drawn.length < 2 * MAX_LINES_DRAWN))) drawn.push(r);
    }
    // Batch by colour: one fillStyle change per service, not per span.
    for (let colour = -1; colour < SERVICE_COLOURS; colour++) {
      g.fillStyle = colour < 0 ? errorColour : colours[colour]!;
      for (const r of drawn) {
        const item = trace.items[rows[r]!] as SpanNode;
        const itemColour = item.isError ? -1 : item.serviceIndex % SERVICE_COLOURS;
        if (itemColour !== colour) continue;
        const y = count <= h ? r * lineHeight : Math.floor((r / count) * h);
        g.fillRect(item.startMs * scaleX, y, Math.max((item.endMs - item.startMs) * scaleX, 1), count <= h ? Math.max(lineHeight - (lineHeight > 3 ? 1 : 0), 1) : 1);
      }
    }
    this.drawn = true;
  }

  private positionOf(event: PointerEvent, rect: DOMRect): number {
    return (Math.min(Math.max(event.clientX - rect.left, 0), rect.width) / rect.width) * this.total;
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0 || this.total <= 0) return;
    // One measurement per drag, not per row.
    const rect = this.element.getBoundingClientRect();
    const startX = event.clientX;
    const startMs = this.positionOf(event, rect);
    const onWindow = event.target === this.windowBox && !isWholeTrace(this.window, this.total);
    const original = this.window;
    this.element.setPointerCapture(event.pointerId);
    event.preventDefault();

    const move = (e: PointerEvent) => {
      const ms = this.positionOf(e, rect);
      if (onWindow) {
        this.events.onWindow(panWindow(original, this.total, ms - startMs));
        return;
      }
      if (Math.abs(e.clientX - startX) < DRAG_THRESHOLD) return;
      const from = Math.min(ms, startMs);
      const to = Math.max(ms, startMs);
      this.selection.hidden = false;
      this.selection.style.left = `${(from / this.total) * 100}%`;
      this.selection.style.width = `${((to - from) / this.total) * 100}%`;
    };
    const up = (e: PointerEvent) => {
      this.element.removeEventListener('pointermove', move);
      this.element.removeEventListener('pointerup', up);
      this.element.removeEventListener('pointercancel', up);
      this.selection.hidden = true;
      if (onWindow) return;
      const ms = this.positionOf(e, rect);
      if (Math.abs(e.clientX - startX) >= DRAG_THRESHOLD) {
        this.events.onWindow(clampWindow({ start: Math.min(ms, startMs), end: Math.max(ms, startMs) }, this.total));
      } else if (!isWholeTrace(this.window, this.total)) {
        // A click while zoomed centres the window there.
        this.events.onWindow(panWindow(this.window, this.total, ms - (this.window.start + this.window.end) / 2));
      }
    };
    this.element.addEventListener('pointermove', move);
    this.element.addEventListener('pointerup', up);
    this.element.addEventListener('pointercancel', up);
  }

  private onKeyDown(event: KeyboardEvent): void {
    const length = windowLength(this.window);
    let next: TimeWindow | undefined;
    switch (event.key) {
      case 'ArrowLeft':
      case 'ArrowDown':
        next = panWindow(this.window, this.total, -length * 0.1);
        break;
      case 'ArrowRight':
      case 'ArrowUp':
        next = panWindow(this.window, this.total, length * 0.1);
        break;
      case 'PageDown':
        next = panWindow(this.window, this.total, -length);
        break;
      case 'PageUp':
        next = panWindow(this.window, this.total, length);
        break;
      case 'Home':
        next = panWindow(this.window, this.total, -this.window.start);
        break;
      case 'End':
        next = panWindow(this.window, this.total, this.total - this.window.end);
        break;
      case '+':
      case '=':
        next = zoomWindow(this.window, this.total, 0.5);
        break;
      case '-':
        next = zoomWindow(this.window, this.total, 2);
        break;
      case 'Escape':
        next = { start: 0, end: this.total };
        break;
      default:
        return;
    }
    event.preventDefault();
    this.events.onWindow(next);
  }
}

function round(ms: number): number {
  return Number(ms.toFixed(3));
}
