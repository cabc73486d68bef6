/**
 * What the span viewer shows, without the DOM: the model and the trace on screen, which rows are
 * expanded, the filter and its matches, the time window, the selected item and a deep link that
 * waits for its trace. Every change is a method; the DOM layer (`trace-viewer.ts`) calls one and
 * then redraws the parts that depend on what it changed.
 */
import { computeCriticalPath, criticalPathSteps, type CriticalPath, type LeaveOut } from '../critical-path.ts';
import { findMatches, isFilterActive, matchesWithAncestors, type FilterMatches, type MatchedRows, type SpanFilter } from '../filter.ts';
import { ancestorsOf, findSpanByKey, type SpanNode, type Steps, type TraceModel, type TraceView } from '../model.ts';
import type { SpanRecord } from '../../../sandboxes/wire/span-record.ts';
import type { SpanLink } from './deep-link.ts';
import type { SpanAnnotator } from './annotations.ts';
import type { RowContext } from './span-row.ts';
import { clampWindow, isWholeTrace, zoomWindow, type TimeWindow } from './time-axis.ts';
import { visibleRows, type VisibleRows } from './visible-rows.ts';

/** Traces bigger than this get their critical path later (`criticalPathLater`), after the rows are on screen. */
export const DEFER_CRITICAL_PATH_ITEMS = 20_000;

/**
 * Which item a newly shown trace selects: the span a deep link names, the span that was selected
 * before an update (`kept`), or nothing, either because the kept span is gone (`lost`) or because
 * nothing was selected (`none`).
 */
export type TraceSelection = { reason: 'link' | 'kept'; item: number } | { reason: 'lost' | 'none' };

/** What a deep link leads to: wait for its trace, switch to its trace first, or select a span here. */
export type LinkAction = { kind: 'wait' } | { kind: 'switch'; trace: TraceView } | { kind: 'select'; item: number };

const NO_MATCHES: FilterMatches = { order: new Int32Array(0), isMatch: new Uint8Array(0) };
const NO_ROWS: VisibleRows = { items: new Int32Array(0), rowOf: new Int32Array(0) };

export class ViewerState {
  private currentModel: TraceModel | undefined;
  private currentTrace: TraceView | undefined;
  private path: CriticalPath | undefined;
  private expanded = new Uint8Array(0);
  private spanFilter: SpanFilter = {};
  private matchesOnly = false;
  private found: FilterMatches = NO_MATCHES;
  private matched: MatchedRows | undefined;
  private shownRows: VisibleRows = NO_ROWS;
  private selectedItem = -1;
  private timeWindow: TimeWindow = { start: 0, end: 0 };
  private pendingLink: SpanLink | undefined;
  /** Changes whenever another trace is shown, so that late work for an old one can tell. */
  private traceToken = 0;

  private readonly markBottleneck: boolean;
  readonly annotate: SpanAnnotator | undefined;
  /** Records the annotator says are not the trace's own: the critical path leaves them out. */
  private readonly leaveOut: LeaveOut | undefined;

  constructor(initialLink?: SpanLink, options: { markBottleneck?: boolean; annotate?: SpanAnnotator | undefined } = {}) {
    this.pendingLink = initialLink;
    this.markBottleneck = options.markBottleneck ?? true;
    this.annotate = options.annotate;
    const annotate = options.annotate;
    this.leaveOut = annotate ? (node) => annotate(node.record)?.absent !== undefined : undefined;
  }

  /** The path as shown: without its bottleneck where the viewer must not give it away. */
  private shown(path: CriticalPath | undefined): CriticalPath | undefined {
    return path && !this.markBottleneck ? { ...path, bottleneck: [], isBottleneck: new Uint8Array(path.isBottleneck.length) } : path;
  }

  get model(): TraceModel | undefined {
    return this.currentModel;
  }
  get trace(): TraceView | undefined {
    return this.currentTrace;
  }
  get critical(): CriticalPath | undefined {
    return this.path;
  }
  get rows(): VisibleRows {
    return this.shownRows;
  }
  get selected(): number {
    return this.selectedItem;
  }
  get window(): TimeWindow {
    return this.timeWindow;
  }
  get token(): number {
    return this.traceToken;
  }
  get filterActive(): boolean {
    return isFilterActive(this.spanFilter);
  }
  get matchCount(): number {
    return this.found.order.length;
  }
  isExpanded(item: number): boolean {
    return this.expanded[item] === 1;
  }

  /** The selected item when it is a span. */
  get selectedSpan(): SpanNode | undefined {
    const node = this.currentTrace && this.selectedItem >= 0 ? this.currentTrace.items[this.selectedItem] : undefined;
    return node?.kind === 'span' ? node : undefined;
  }

  /**
   * Shows a new model: the trace a pending deep link names, else the trace that was on screen
   * (keeping its selected span), else the first. Undefined when the model has no spans.
   */
  setModel(model: TraceModel): TraceSelection | undefined {
    this.currentModel = model;
    if (model.traces.length === 0) {
      this.traceToken++;
      this.currentTrace = undefined;
      this.selectedItem = -1;
      return undefined;
    }
    const pending = this.pendingLink;
    const linked = pending?.traceId ? model.traces.find((t) => t.traceId === pending.traceId) : undefined;
    const previous = this.currentTrace;
    const same = previous ? model.traces.find((t) => t.traceId === previous.traceId) : undefined;
    const previousKey = previous && this.selectedItem >= 0 ? previous.items[this.selectedItem]?.key : undefined;
    return this.showTrace(linked ?? same ?? model.traces[0]!, !linked && same ? previousKey : undefined);
  }

  /** Shows one trace of the model from scratch: all rows expanded, the whole time range, the filter applied. */
  showTrace(trace: TraceView, keepKey?: string): TraceSelection {
    this.traceToken++;
    this.currentTrace = trace;
    this.expanded = new Uint8Array(trace.items.length).fill(1);
    this.timeWindow = { start: 0, end: trace.durationMs };
    this.selectedItem = -1;
    this.path = trace.items.length <= DEFER_CRITICAL_PATH_ITEMS ? this.shown(computeCriticalPath(trace, this.leaveOut)) : undefined;
    this.computeMatches();
    this.recomputeRows();

    const link = this.pendingLink;
    const linked = link && (link.traceId === undefined || link.traceId === trace.traceId) ? findSpanByKey(trace, link.spanKey) : undefined;
    if (linked) {
      this.pendingLink = undefined;
      return { reason: 'link', item: linked.index };
    }
    if (keepKey === undefined) return { reason: 'none' };
    const again = keepKey === 'missing-parent' ? trace.missingParent : findSpanByKey(trace, keepKey);
    return again ? { reason: 'kept', item: again.index } : { reason: 'lost' };
  }

  /** The critical path's steps, when the trace was too big to compute it in `showTrace`. */
  criticalPathLater(): Steps<CriticalPath | undefined> | undefined {
    if (!this.currentTrace || this.path || this.currentTrace.items.length <= DEFER_CRITICAL_PATH_ITEMS) return undefined;
    return criticalPathSteps(this.currentTrace, this.leaveOut);
  }

  /** Stores a critical path computed later; false when another trace is on screen by now. */
  setCriticalPath(token: number, path: CriticalPath | undefined): boolean {
    if (token !== this.traceToken) return false;
    this.path = this.shown(path);
    return true;
  }

  setFilter(filter: SpanFilter, matchesOnly: boolean): void {
    this.spanFilter = filter;
    this.matchesOnly = matchesOnly;
    this.computeMatches();
    this.recomputeRows();
  }

  /** Position of the selected item among the matches (0-based), or -1 when it is not one. */
  matchPosition(): number {
    if (this.selectedItem < 0 || this.found.isMatch[this.selectedItem] !== 1) return -1;
    return lowerBound(this.found.order, this.selectedItem);
  }

  /** The next (or previous) match after the selection, wrapping around; undefined when nothing matches. */
  stepMatch(direction: 1 | -1): number | undefined {
    const order = this.found.order;
    if (!this.currentTrace || order.length === 0) return undefined;
    const from = this.selectedItem >= 0 ? this.selectedItem : direction === 1 ? -1 : this.currentTrace.items.length;
    let position: number;
    if (direction === 1) {
      position = lowerBound(order, from + 1);
      if (position >= order.length) position = 0;
    } else {
      position = lowerBound(order, from) - 1;
      if (position < 0) position = order.length - 1;
    }
    return order[position];
  }

  toggle(item: number, expand: boolean): void {
    if (!this.currentTrace || item < 0 || item >= this.expanded.length) return;
    this.expanded[item] = expand ? 1 : 0;
    this.recomputeRows();
  }

  expandAll(expand: boolean): void {
    if (!this.currentTrace) return;
    this.expanded.fill(expand ? 1 : 0);
    this.recomputeRows();
  }

  isVisible(item: number): boolean {
    const row = this.shownRows.rowOf[item];
    return row !== undefined && row >= 0;
  }

  /** Opens the ancestors of an item so that it has a row; true when rows changed. */
  reveal(item: number): boolean {
    const node = this.currentTrace?.items[item];
    if (!this.currentTrace || !node) return false;
    let changed = false;
    for (const ancestor of ancestorsOf(this.currentTrace, node).slice(1)) {
      if (this.expanded[ancestor.index] !== 1) {
        this.expanded[ancestor.index] = 1;
        changed = true;
      }
    }
    if (changed) this.recomputeRows();
    return changed;
  }

  /** Selects an item that has a row (call `reveal` first for one that may not). */
  select(item: number): boolean {
    if (!this.currentTrace || !this.isVisible(item)) return false;
    this.selectedItem = item;
    return true;
  }

  setWindow(next: TimeWindow): void {
    if (!this.currentTrace) return;
    this.timeWindow = clampWindow(next, this.currentTrace.durationMs);
  }

  /** Zooms by `factor` (< 1 zooms in) around the selected span, or the window's middle. */
  zoom(factor: number): void {
    if (!this.currentTrace) return;
    const span = this.selectedSpan;
    const centre = span ? (span.startMs + span.endMs) / 2 : undefined;
    this.timeWindow = zoomWindow(this.timeWindow, this.currentTrace.durationMs, factor, centre);
  }

  /** Fits the window to a span, with a 5% margin either side. */
  zoomTo(node: SpanNode): void {
    const length = Math.max(node.endMs - node.startMs, (this.currentTrace?.durationMs ?? 0) / 1000);
    this.setWindow({ start: node.startMs - length * 0.05, end: node.endMs + length * 0.05 });
  }

  showWholeTrace(): void {
    if (this.currentTrace) this.timeWindow = { start: 0, end: this.currentTrace.durationMs };
  }

  isWholeTrace(): boolean {
    return !this.currentTrace || isWholeTrace(this.timeWindow, this.currentTrace.durationMs);
  }

  /** Follows a `#span=...&trace=...` link; a link to a trace not (yet) there waits for the next model. */
  followLink(link: SpanLink): LinkAction {
    const model = this.currentModel;
    if (!model) {
      this.pendingLink = link;
      return { kind: 'wait' };
    }
    const target = link.traceId ? model.traces.find((t) => t.traceId === link.traceId) : this.currentTrace;
    if (target && target !== this.currentTrace) {
      this.pendingLink = link;
      return { kind: 'switch', trace: target };
    }
    const node = this.currentTrace ? findSpanByKey(this.currentTrace, link.spanKey) : undefined;
    if (node) return { kind: 'select', item: node.index };
    this.pendingLink = link;
    return { kind: 'wait' };
  }

  /** A span by id, in the trace on screen first, then in any trace of the model. */
  findSpan(spanId: string, traceId?: string): { trace: TraceView; item: number } | undefined {
    if (!this.currentModel) return undefined;
    const key = spanId.toLowerCase();
    const wanted = traceId?.toLowerCase();
    const inTrace = (t: TraceView) => (wanted === undefined || t.traceId === wanted ? findSpanByKey(t, key) : undefined);
    const candidates = this.currentTrace ? [this.currentTrace, ...this.currentModel.traces.filter((t) => t !== this.currentTrace)] : this.currentModel.traces;
    for (const trace of candidates) {
      const node = inTrace(trace);
      if (node) return { trace, item: node.index };
    }
    return undefined;
  }

  /** The records of the trace on screen (what "Export" writes). */
  traceRecords(): { traceId: string; records: SpanRecord[] } | undefined {
    const trace = this.currentTrace;
    if (!trace) return undefined;
    const records: SpanRecord[] = [];
    for (const item of trace.items) if (item.kind === 'span') records.push(item.record);
    return { traceId: trace.traceId, records };
  }

  /** What rows are drawn from; undefined while no trace is shown. */
  rowContext(): RowContext | undefined {
    if (!this.currentTrace) return undefined;
    return {
      trace: this.currentTrace,
      window: this.timeWindow,
      expanded: this.expanded,
      isMatch: this.found.isMatch,
      hasMatchBelow: this.matchesOnly ? this.matched?.hasMatchBelow : undefined,
      selected: this.selectedItem,
      critical: this.path,
      annotate: this.annotate,
    };
  }

  private computeMatches(): void {
    if (!this.currentTrace) return;
    this.found = findMatches(this.currentTrace, this.spanFilter);
    this.matched = this.filterActive && this.matchesOnly ? matchesWithAncestors(this.currentTrace, this.found) : undefined;
    const below = this.matched?.hasMatchBelow;
    // Every match must be reachable: open the ancestors that lead to one.
    if (below) for (let i = 0; i < below.length; i++) if (below[i] === 1) this.expanded[i] = 1;
  }

  private recomputeRows(): void {
    if (this.currentTrace) this.shownRows = visibleRows(this.currentTrace, this.expanded, this.matched?.keep);
  }
}

/** First position in `sorted` whose value is >= `value`. */
function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
