/**
 * The span viewer: a collapsible span tree with waterfall bars on a shared time axis, an
 * overview to zoom with, filters, and the selected span's details beside the tree (below it
 * when the viewer is narrow). Works from about 320 px (phones) through a 600 px editor column
 * to a full page; the layout follows the viewer's own width, not the window's.
 *
 * Public API: see README.md beside this file.
 *
 * `spans` and `unfinished` are `RunResult`'s (ended spans, and spans without an end time); any
 * mix of traces is fine. For very big inputs that arrive in batches (a file import), build a
 * `TraceModel` with `TraceModelBuilder` and pass it to `showModel` instead of `update`.
 */
import { buildTraceModel } from '../model-builder.ts';
import { runStepsInTasks, type TraceModel, type TraceView } from '../model.ts';
import type { SpanRecord } from '../../../sandboxes/wire/span-record.ts';
import { serviceNames } from '../filter.ts';
import type { SpanAnnotator } from './annotations.ts';
import { formatSpanLink, isForeignFragment, parseSpanLink } from './deep-link.ts';
import { button, el, labelled } from './dom.ts';
import { formatDuration, plural, shortId } from './format.ts';
import { FilterBar } from './filter-bar.ts';
import { TraceOverview } from './overview.ts';
import { renderDetails, renderEmptyDetails } from './span-details.ts';
import { SpanTreeGrid } from './span-tree-grid.ts';
import type { TimeWindow } from './time-axis.ts';
import { renderLegend, renderNotes, renderSummary } from './trace-summary.ts';
import { ViewerState, type TraceSelection } from './viewer-state.ts';
import './trace-viewer.css';

export interface TraceViewerOptions {
  /** Ended spans. */
  spans?: readonly SpanRecord[];
  /** Spans that never ended (no end time): drawn up to the end of their trace and flagged. */
  unfinished?: readonly SpanRecord[];
  /** Called when the learner selects a span (undefined when the selection is cleared). */
  onSelect?: (span: SpanRecord | undefined) => void;
  /** Tallest the span list grows before it scrolls, in CSS pixels (default 480). */
  maxTreeHeight?: number;
  /** Select the span named by `#span=...` in the URL, and keep the selection there (default true). */
  linkToSpans?: boolean;
  /** Heading level of the selected span's name in the details panel (default 3). */
  headingLevel?: number;
  /** Shown while there are no spans (default "No spans yet."). */
  emptyText?: string;
  /** Flag the bottleneck (default true); off where finding it is the learner's exercise. */
  markBottleneck?: boolean;
  /** Adds words, marks and a details section to each span (the comparison with the reference does). */
  annotate?: SpanAnnotator;
}

export interface TraceViewer {
  /** Shows new span records (e.g. after a Run); keeps the selected trace and span when they are still there. */
  update(spans: readonly SpanRecord[], unfinished?: readonly SpanRecord[]): void;
  /** Shows a model built elsewhere (see `TraceModelBuilder`), for inputs too big to build in one go. */
  showModel(model: TraceModel): void;
  /** Selects a span by id (in the shown trace, else in any trace); false when there is none. */
  select(spanId: string, traceId?: string): boolean;
  /** The trace on screen and its records (what "Export" writes). */
  currentTrace(): { traceId: string; records: SpanRecord[] } | undefined;
  destroy(): void;
}

const ROW_HEIGHT = 28;
const ROW_HEIGHT_NARROW = 44;
/** Container widths (px) where the layout changes: two-line rows below NARROW, details beside the tree from WIDE. */
const NARROW = 560;
const WIDE = 980;
/** Thrown into a deferred computation whose trace is no longer on screen. */
const CANCELLED = Symbol('cancelled');

interface SelectHow {
  scroll: boolean;
  center?: boolean;
  focus?: boolean;
  updateUrl?: boolean;
}

export function mountTraceViewer(container: HTMLElement, options: TraceViewerOptions = {}): TraceViewer {
  const view = new TraceViewerView(container, options);
  return {
    update: (spans, unfinished = []) => view.showModel(buildTraceModel(spans, unfinished)),
    showModel: (model) => view.showModel(model),
    select: (spanId, traceId) => view.selectSpan(spanId, traceId),
    currentTrace: () => view.state.traceRecords(),
    destroy: () => view.destroy(),
  };
}

/** The DOM side of the viewer: it owns the elements, and redraws them from `ViewerState` after every change. */
class TraceViewerView {
  readonly state: ViewerState;
  private readonly options: TraceViewerOptions;
  private readonly linkToSpans: boolean;
  private readonly maxTreeHeight: number;
  private layout = '';
  private readonly root: HTMLElement;
  private readonly content: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly tracePicker = el('select', { className: 'tv-input tv-trace-picker' });
  private readonly pickerLabel: HTMLElement;
  private readonly summary = el('p', { className: 'tv-summary' });
  private readonly legend = el('ul', { className: 'tv-legend', attrs: { 'aria-label': 'Legend' } });
  private readonly notes = el('ul', { className: 'tv-notes', attrs: { 'aria-label': 'Notes about this trace' } });
  private readonly details = el('section', { className: 'tv-details', attrs: { 'aria-label': 'Span details' } });
  private readonly zoomIn = button('+', { label: 'Zoom in', className: 'tv-button tv-button--icon' });
  private readonly zoomOut = button('−', { label: 'Zoom out', className: 'tv-button tv-button--icon' });
  private readonly zoomReset = button('Whole trace', { className: 'tv-button' });
  private readonly filterBar: FilterBar;
  private readonly overview: TraceOverview;
  private readonly grid: SpanTreeGrid;
  private readonly resize: ResizeObserver;
  private readonly themeWatch: MutationObserver;
  private readonly onHashChange = () => {
    const link = parseSpanLink(location.hash);
    if (link) this.followLink(link);
  };

  constructor(container: HTMLElement, options: TraceViewerOptions) {
    this.options = options;
    this.linkToSpans = options.linkToSpans ?? true;
    this.maxTreeHeight = options.maxTreeHeight ?? 480;
    this.state = new ViewerState(this.linkToSpans ? parseSpanLink(location.hash) : undefined, { markBottleneck: options.markBottleneck ?? true, annotate: options.annotate });
    this.pickerLabel = labelled('Trace', this.tracePicker, 'tv-field tv-field--inline');
    this.empty = el('p', { className: 'tv-empty', text: options.emptyText ?? 'No spans yet.' });
    this.filterBar = new FilterBar({
      onFilter: (next, only) => {
        this.state.setFilter(next, only);
        this.showMatches();
        this.showRows();
      },
      onStep: (direction) => {
        const item = this.state.stepMatch(direction);
        if (item !== undefined) this.revealAndSelect(item, { focus: false });
      },
      onExpandAll: (expand) => {
        this.state.expandAll(expand);
        this.showRows();
      },
    });
    this.overview = new TraceOverview({ onWindow: (next) => this.setWindow(next) });
    this.grid = new SpanTreeGrid('Span tree', {
      onActivate: (item) => this.selectItem(item, { scroll: false }),
      onToggle: (item, expand) => {
        this.state.toggle(item, expand);
        this.showRows();
      },
    });
    this.content = this.buildContent();
    this.root = el('div', { className: 'trace-viewer' }, [this.empty, this.content]);
    container.append(this.root);
    this.listen();
    this.resize = new ResizeObserver((entries) => {
      for (const entry of entries) {
        if (entry.target === this.root) this.applyLayout(entry.contentRect.width);
        else this.overview.setWidth(entry.contentRect.width);
      }
    });
    this.resize.observe(this.root);
    this.resize.observe(this.overview.element);
    this.themeWatch = new MutationObserver(() => this.overview.draw());
    this.themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    if (this.linkToSpans) addEventListener('hashchange', this.onHashChange);
    this.applyLayout(container.clientWidth || 1024);
    this.showModel(buildTraceModel(options.spans ?? [], options.unfinished ?? []));
  }

  private buildContent(): HTMLElement {
    const overviewBox = el('div', { className: 'tv-overview-box' }, [
      el('div', { className: 'tv-overview-box__bar' }, [
        el('span', { className: 'tv-overview-box__label', text: 'Overview: drag to zoom into a time range' }),
        el('span', { className: 'tv-zoom' }, [this.zoomOut, this.zoomIn, this.zoomReset]),
      ]),
      this.overview.element,
    ]);
    const main = el('div', { className: 'tv-main' }, [el('div', { className: 'tv-tree' }, [this.grid.element]), this.details]);
    return el('div', { className: 'tv-content' }, [
      el('div', { className: 'tv-top' }, [this.pickerLabel, this.summary]),
      this.legend,
      this.notes,
      this.filterBar.element,
      overviewBox,
      main,
    ]);
  }

  private listen(): void {
    this.tracePicker.addEventListener('change', () => {
      const next = this.state.model?.traces.find((t) => t.traceId === this.tracePicker.value);
      if (next) this.showTrace(next);
    });
    const zoom = (factor: number) => {
      this.state.zoom(factor);
      this.showWindow();
    };
    this.zoomIn.addEventListener('click', () => zoom(0.5));
    this.zoomOut.addEventListener('click', () => zoom(2));
    this.zoomReset.addEventListener('click', () => {
      this.state.showWholeTrace();
      this.showWindow();
    });
  }

  private applyLayout(width: number): void {
    const next = width < NARROW ? 'narrow' : width < WIDE ? 'medium' : 'wide';
    if (next === this.layout) return;
    this.layout = next;
    this.root.dataset.layout = next;
    this.grid.setLayout(next === 'narrow' ? ROW_HEIGHT_NARROW : ROW_HEIGHT, this.maxTreeHeight);
  }

  showModel(model: TraceModel): void {
    const previous = this.state.trace?.traceId;
    const selection = this.state.setModel(model);
    const hasSpans = model.traces.length > 0;
    this.empty.hidden = hasSpans;
    this.content.hidden = !hasSpans;
    if (!selection) return;
    this.tracePicker.replaceChildren(
      ...model.traces.map((t) =>
        el('option', {
          text: `${t.title} · ${plural(t.spanCount, 'span')} · ${formatDuration(t.durationMs)} · ${shortId(t.traceId)}`,
          attrs: { value: t.traceId },
        }),
      ),
    );
    this.pickerLabel.hidden = model.traces.length < 2;
    this.traceShown(previous, selection);
  }

  private showTrace(trace: TraceView): void {
    const previous = this.state.trace?.traceId;
    this.traceShown(previous, this.state.showTrace(trace));
  }

  /** Redraws everything after another trace (or a new model) came on screen. */
  private traceShown(previousTraceId: string | undefined, selection: TraceSelection): void {
    const trace = this.state.trace!;
    this.tracePicker.value = trace.traceId;
    this.computeCriticalPathLater();
    this.filterBar.setServices(serviceNames(trace, this.state.model!.services));
    this.showMatches();
    this.renderHeader();
    renderNotes(this.notes, trace, this.state.model!);
    // Setting scrollTop makes the browser lay out: only when another trace was on screen.
    if (previousTraceId !== undefined && previousTraceId !== trace.traceId) this.grid.resetPosition();
    this.showRows();
    this.applyWindow();
    if (selection.reason === 'link') this.selectItem(selection.item, { scroll: true, center: true, updateUrl: false });
    else if (selection.reason === 'kept') this.selectItem(selection.item, { scroll: true });
    else {
      this.showDetails();
      if (selection.reason === 'none') this.options.onSelect?.(undefined);
    }
  }

  /** Rows first; the path of a very big trace follows in short steps, so it never blocks the page. */
  private computeCriticalPathLater(): void {
    const steps = this.state.criticalPathLater();
    if (!steps) return;
    const token = this.state.token;
    const step = () => new Promise<void>((resolve, reject) => setTimeout(() => (token === this.state.token ? resolve() : reject(CANCELLED)), 0));
    step()
      .then(() => runStepsInTasks(steps, step))
      .then((path) => {
        if (!this.state.setCriticalPath(token, path)) return;
        this.renderHeader();
        this.refreshRows();
        if (this.state.selected >= 0) this.showDetails();
      })
      .catch((error: unknown) => {
        if (error !== CANCELLED) throw error;
      });
  }

  private renderHeader(): void {
    const { trace, model, critical } = this.state;
    if (!trace || !model) return;
    renderSummary(this.summary, trace);
    renderLegend(this.legend, trace, model, critical);
  }

  private showMatches(): void {
    this.filterBar.setMatches(this.state.matchCount, this.state.matchPosition(), this.state.filterActive);
  }

  private showRows(): void {
    const ctx = this.state.rowContext();
    if (!ctx) return;
    this.grid.setRows(this.state.rows, ctx);
    this.overview.setRows(ctx.trace, this.state.rows.items);
  }

  private refreshRows(): void {
    const ctx = this.state.rowContext();
    if (ctx) this.grid.refresh(ctx);
  }

  /** Opens the ancestors of an item so that it has a row, then selects it. */
  private revealAndSelect(item: number, how: { focus: boolean; updateUrl?: boolean }): void {
    if (this.state.reveal(item)) this.showRows();
    this.selectItem(item, { scroll: true, center: true, focus: how.focus, updateUrl: how.updateUrl ?? true });
  }

  private selectItem(item: number, how: SelectHow): void {
    const trace = this.state.trace;
    if (!trace) return;
    if (!this.state.isVisible(item)) {
      this.revealAndSelect(item, { focus: how.focus ?? false, updateUrl: how.updateUrl ?? true });
      return;
    }
    this.state.select(item);
    this.grid.setFocusedItem(item);
    this.refreshRows();
    if (how.scroll) this.grid.scrollToItem(item, how.center ? 'center' : 'nearest');
    if (how.focus) this.grid.focusItem(item);
    this.showDetails();
    this.showMatches();
    const node = trace.items[item]!;
    if ((how.updateUrl ?? true) && node.kind === 'span') this.writeLink(node.record.traceId, node.key);
    this.options.onSelect?.(node.kind === 'span' ? node.record : undefined);
  }

  selectSpan(spanId: string, traceId?: string): boolean {
    const found = this.state.findSpan(spanId, traceId);
    if (!found) return false;
    if (found.trace !== this.state.trace) this.showTrace(found.trace);
    this.revealAndSelect(found.item, { focus: false });
    return true;
  }

  private showDetails(): void {
    const { trace, selected, critical } = this.state;
    if (!trace || selected < 0) {
      renderEmptyDetails(this.details, 'Select a span to see its details: click it, or move to it with the arrow keys and press Enter.');
      return;
    }
    renderDetails(this.details, trace.items[selected]!, {
      trace,
      critical,
      annotate: this.state.annotate,
      headingLevel: this.options.headingLevel ?? 3,
      onGoTo: (target) => this.revealAndSelect(target.index, { focus: true }),
      onZoomTo: (node) => {
        this.state.zoomTo(node);
        this.showWindow();
      },
      linkTo: (node) => (this.linkToSpans ? `${location.href.split('#')[0]}${formatSpanLink({ traceId: node.record.traceId, spanKey: node.key })}` : undefined),
    });
  }

  private writeLink(traceId: string, spanKey: string): void {
    if (!this.linkToSpans || isForeignFragment(location.hash)) return;
    const hash = formatSpanLink({ traceId, spanKey });
    if (location.hash !== hash) history.replaceState(history.state, '', hash);
  }

  private followLink(link: Parameters<ViewerState['followLink']>[0]): void {
    const action = this.state.followLink(link);
    if (action.kind === 'switch') this.showTrace(action.trace);
    else if (action.kind === 'select') this.revealAndSelect(action.item, { focus: false, updateUrl: false });
  }

  private setWindow(next: TimeWindow): void {
    this.state.setWindow(next);
    this.showWindow();
  }

  private showWindow(): void {
    this.applyWindow();
    this.refreshRows();
  }

  private applyWindow(): void {
    if (!this.state.trace) return;
    const window = this.state.window;
    this.grid.setTimeWindow(window);
    this.overview.setWindow(window);
    const whole = this.state.isWholeTrace();
    this.zoomReset.disabled = whole;
    this.zoomOut.disabled = whole;
  }

  destroy(): void {
    // A deferred critical path still running sees another token and stops.
    this.state.setModel({ traces: [], services: [], spanCount: 0 });
    this.resize.disconnect();
    this.themeWatch.disconnect();
    removeEventListener('hashchange', this.onHashChange);
    this.filterBar.destroy();
    this.grid.destroy();
    this.root.remove();
  }
}

export type { TraceModel } from '../model.ts';
export { TraceModelBuilder } from '../model-builder.ts';
