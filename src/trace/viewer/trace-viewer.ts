/**
 * The span viewer: a collapsible span tree with waterfall bars on a shared time axis, an
 * overview to zoom with, filters, and the selected span's details beside the tree (below it
 * when the viewer is narrow). Works from about 320 px (phones) through a 600 px editor column
 * to a full page; the layout follows the viewer's own width, not the window's.
 *
 * Public API, the whole of it:
 *
 * ```ts
 * import { mountTraceViewer } from '../trace/viewer/trace-viewer.ts';
 * const viewer = mountTraceViewer(container, { spans, unfinished, onSelect });
 * viewer.update(result.spans, result.unfinished); // after each Run
 * viewer.select(spanId);                         // e.g. from a check result
 * viewer.destroy();
 * ```
 *
 * `spans` and `unfinished` are `RunResult`'s (ended spans, and spans without an end time); any
 * mix of traces is fine. For very big inputs that arrive in batches (a file import), build a
 * `TraceModel` with `TraceModelBuilder` and pass it to `showModel` instead of `update`.
 */
import { computeCriticalPath, criticalPathSteps, type CriticalPath } from '../critical-path.ts';
import { findMatches, isFilterActive, matchesWithAncestors, serviceNames, type FilterMatches, type MatchedRows, type SpanFilter } from '../filter.ts';
import { ancestorsOf, buildTraceModel, findSpanByKey, runStepsInTasks, type SpanNode, type TraceModel, type TraceView } from '../model.ts';
import type { SpanRecord } from '../../../sandboxes/wire/span-record.ts';
import { formatSpanLink, isForeignFragment, parseSpanLink, type SpanLink } from './deep-link.ts';
import { button, el, labelled } from './dom.ts';
import { formatDuration, plural, shortId } from './format.ts';
import { FilterBar } from './filter-bar.ts';
import { TraceOverview } from './overview.ts';
import { renderDetails, renderEmptyDetails } from './span-details.ts';
import { BADGES, badge, type RowContext } from './span-row.ts';
import { SpanTreeGrid } from './span-tree-grid.ts';
import { axisTicks, clampWindow, isWholeTrace, zoomWindow, type TimeWindow } from './time-axis.ts';
import { visibleRows, type VisibleRows } from './visible-rows.ts';
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

/** Traces bigger than this get their critical path in a later task, after the rows are on screen. */
const DEFER_CRITICAL_PATH_ITEMS = 20_000;
const ROW_HEIGHT = 28;
const ROW_HEIGHT_NARROW = 44;
/** Container widths (px) where the layout changes: two-line rows below NARROW, details beside the tree from WIDE. */
const NARROW = 560;
const WIDE = 980;
/** Thrown into a deferred computation whose trace is no longer on screen. */
const CANCELLED = Symbol('cancelled');

export function mountTraceViewer(container: HTMLElement, options: TraceViewerOptions = {}): TraceViewer {
  const maxTreeHeight = options.maxTreeHeight ?? 480;
  const linkToSpans = options.linkToSpans ?? true;
  const headingLevel = options.headingLevel ?? 3;

  let model: TraceModel | undefined;
  let trace: TraceView | undefined;
  let critical: CriticalPath | undefined;
  let expanded = new Uint8Array(0);
  let filter: SpanFilter = {};
  let matchesOnly = false;
  let matches: FilterMatches = { order: new Int32Array(0), isMatch: new Uint8Array(0) };
  let matched: MatchedRows | undefined;
  let rows: VisibleRows = { items: new Int32Array(0), rowOf: new Int32Array(0) };
  let selected = -1;
  let timeWindow: TimeWindow = { start: 0, end: 0 };
  let pendingLink: SpanLink | undefined = linkToSpans ? parseSpanLink(location.hash) : undefined;
  let generation = 0;
  let layout = '';

  // ---- DOM ---------------------------------------------------------------------------------
  const tracePicker = el('select', { className: 'tv-input tv-trace-picker' });
  const pickerLabel = labelled('Trace', tracePicker, 'tv-field tv-field--inline');
  const summary = el('p', { className: 'tv-summary' });
  const legend = el('ul', { className: 'tv-legend', attrs: { 'aria-label': 'Legend' } });
  const notes = el('ul', { className: 'tv-notes', attrs: { 'aria-label': 'Notes about this trace' } });
  const empty = el('p', { className: 'tv-empty', text: options.emptyText ?? 'No spans yet.' });

  const filterBar = new FilterBar({
    onFilter: (next, only) => applyFilter(next, only),
    onStep: (direction) => stepMatch(direction),
    onExpandAll: (expand) => expandAll(expand),
  });
  const overview = new TraceOverview({ onWindow: (next) => setWindow(next) });
  const zoomIn = button('+', { label: 'Zoom in', className: 'tv-button tv-button--icon' });
  const zoomOut = button('−', { label: 'Zoom out', className: 'tv-button tv-button--icon' });
  const zoomReset = button('Whole trace', { className: 'tv-button' });
  const overviewBox = el('div', { className: 'tv-overview-box' }, [
    el('div', { className: 'tv-overview-box__bar' }, [
      el('span', { className: 'tv-overview-box__label', text: 'Overview: drag to zoom into a time range' }),
      el('span', { className: 'tv-zoom' }, [zoomOut, zoomIn, zoomReset]),
    ]),
    overview.element,
  ]);
  const grid = new SpanTreeGrid('Span tree', {
    onActivate: (item) => selectItem(item, { scroll: false }),
    onToggle: (item, expand) => toggle(item, expand),
  });
  const details = el('section', { className: 'tv-details', attrs: { 'aria-label': 'Span details' } });
  const main = el('div', { className: 'tv-main' }, [el('div', { className: 'tv-tree' }, [grid.element]), details]);
  const content = el('div', { className: 'tv-content' }, [
    el('div', { className: 'tv-top' }, [pickerLabel, summary]),
    legend,
    notes,
    filterBar.element,
    overviewBox,
    main,
  ]);
  const root = el('div', { className: 'trace-viewer' }, [empty, content]);
  container.append(root);

  tracePicker.addEventListener('change', () => {
    const next = model?.traces.find((t) => t.traceId === tracePicker.value);
    if (next) showTrace(next);
  });
  zoomIn.addEventListener('click', () => setWindow(zoomWindow(timeWindow, trace?.durationMs ?? 0, 0.5, selectedCentre())));
  zoomOut.addEventListener('click', () => setWindow(zoomWindow(timeWindow, trace?.durationMs ?? 0, 2, selectedCentre())));
  zoomReset.addEventListener('click', () => setWindow({ start: 0, end: trace?.durationMs ?? 0 }));

  const resize = new ResizeObserver((entries) => {
    for (const entry of entries) {
      if (entry.target === root) applyLayout(entry.contentRect.width);
      else overview.setWidth(entry.contentRect.width);
    }
  });
  resize.observe(root);
  resize.observe(overview.element);
  const themeWatch = new MutationObserver(() => overview.draw());
  themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const onHashChange = () => {
    const link = parseSpanLink(location.hash);
    if (link) applyLink(link);
  };
  if (linkToSpans) addEventListener('hashchange', onHashChange);

  // ---- state changes -----------------------------------------------------------------------
  function rowContext(): RowContext {
    return {
      trace: trace!,
      window: timeWindow,
      expanded,
      isMatch: matches.isMatch,
      hasMatchBelow: matchesOnly ? matched?.hasMatchBelow : undefined,
      selected,
      critical,
    };
  }

  function applyLayout(width: number): void {
    const next = width < NARROW ? 'narrow' : width < WIDE ? 'medium' : 'wide';
    if (next === layout) return;
    layout = next;
    root.dataset.layout = next;
    grid.setLayout(next === 'narrow' ? ROW_HEIGHT_NARROW : ROW_HEIGHT, maxTreeHeight);
    // Fewer tick labels fit a narrow axis.
    applyWindow();
  }

  function showModel(next: TraceModel): void {
    model = next;
    const hasSpans = next.traces.length > 0;
    empty.hidden = hasSpans;
    content.hidden = !hasSpans;
    if (!hasSpans) {
      trace = undefined;
      selected = -1;
      return;
    }
    tracePicker.replaceChildren(
      ...next.traces.map((t) =>
        el('option', {
          text: `${t.title} · ${plural(t.spanCount, 'span')} · ${formatDuration(t.durationMs)} · ${shortId(t.traceId)}`,
          attrs: { value: t.traceId },
        }),
      ),
    );
    pickerLabel.hidden = next.traces.length < 2;
    const linked = pendingLink?.traceId ? next.traces.find((t) => t.traceId === pendingLink!.traceId) : undefined;
    const same = trace ? next.traces.find((t) => t.traceId === trace!.traceId) : undefined;
    const previousKey = trace && selected >= 0 ? trace.items[selected]?.key : undefined;
    showTrace(linked ?? same ?? next.traces[0]!, !linked && same ? previousKey : undefined);
  }

  function showTrace(next: TraceView, keepKey?: string): void {
    generation++;
    const wasTrace = trace?.traceId;
    trace = next;
    tracePicker.value = next.traceId;
    expanded = new Uint8Array(next.items.length).fill(1);
    timeWindow = { start: 0, end: next.durationMs };
    selected = -1;
    critical = undefined;
    if (next.items.length <= DEFER_CRITICAL_PATH_ITEMS) {
      critical = computeCriticalPath(next);
    } else {
      // Rows first; the path follows in short steps, so a 100,000-span trace never blocks the page.
      const token = generation;
      const step = () =>
        new Promise<void>((resolve, reject) => setTimeout(() => (token === generation && trace === next ? resolve() : reject(CANCELLED)), 0));
      step()
        .then(() => runStepsInTasks(criticalPathSteps(next), step))
        .then((path) => {
          critical = path;
          renderSummary();
          grid.refresh(rowContext());
          if (selected >= 0) showDetails();
        })
        .catch((error: unknown) => {
          if (error !== CANCELLED) throw error;
        });
    }
    filterBar.setServices(serviceNames(next, model!.services));
    computeMatches();
    renderSummary();
    renderNotes();
    // Setting scrollTop makes the browser lay out: only when another trace was on screen.
    if (wasTrace !== undefined && wasTrace !== next.traceId) grid.resetPosition();
    recomputeRows();
    applyWindow();

    const link = pendingLink;
    if (link && (link.traceId === undefined || link.traceId === next.traceId) && findSpanByKey(next, link.spanKey)) {
      pendingLink = undefined;
      selectItem(findSpanByKey(next, link.spanKey)!.index, { scroll: true, center: true, updateUrl: false });
    } else if (keepKey !== undefined) {
      const again = keepKey === 'missing-parent' ? next.missingParent : findSpanByKey(next, keepKey);
      if (again) selectItem(again.index, { scroll: true });
      else showDetails();
    } else {
      showDetails();
      options.onSelect?.(undefined);
    }
  }

  function computeMatches(): void {
    if (!trace) return;
    matches = findMatches(trace, filter);
    const active = isFilterActive(filter);
    matched = active && matchesOnly ? matchesWithAncestors(trace, matches) : undefined;
    if (matched) {
      // Every match must be reachable: open the ancestors that lead to one.
      for (let i = 0; i < matched.hasMatchBelow.length; i++) if (matched.hasMatchBelow[i] === 1) expanded[i] = 1;
    }
    filterBar.setMatches(matches.order.length, currentMatchPosition(), active);
  }

  function currentMatchPosition(): number {
    if (selected < 0 || matches.isMatch[selected] !== 1) return -1;
    return lowerBound(matches.order, selected);
  }

  function recomputeRows(): void {
    if (!trace) return;
    rows = visibleRows(trace, expanded, matched?.keep);
    grid.setRows(rows, rowContext());
    overview.setRows(trace, rows.items);
  }

  function applyFilter(next: SpanFilter, only: boolean): void {
    filter = next;
    matchesOnly = only;
    computeMatches();
    recomputeRows();
  }

  function stepMatch(direction: 1 | -1): void {
    const order = matches.order;
    if (!trace || order.length === 0) return;
    const from = selected >= 0 ? selected : direction === 1 ? -1 : trace.items.length;
    let position: number;
    if (direction === 1) {
      position = upperBound(order, from);
      if (position >= order.length) position = 0;
    } else {
      position = lowerBound(order, from) - 1;
      if (position < 0) position = order.length - 1;
    }
    revealAndSelect(order[position]!, { focus: false });
  }

  function toggle(item: number, expand: boolean): void {
    expanded[item] = expand ? 1 : 0;
    recomputeRows();
  }

  function expandAll(expand: boolean): void {
    if (!trace) return;
    expanded.fill(expand ? 1 : 0);
    recomputeRows();
  }

  /** Opens the ancestors of an item so that it has a row, then selects it. */
  function revealAndSelect(item: number, how: { focus: boolean; updateUrl?: boolean }): void {
    if (!trace) return;
    let changed = false;
    for (const ancestor of ancestorsOf(trace, trace.items[item]!).slice(1)) {
      if (expanded[ancestor.index] !== 1) {
        expanded[ancestor.index] = 1;
        changed = true;
      }
    }
    if (changed) recomputeRows();
    selectItem(item, { scroll: true, center: true, focus: how.focus, updateUrl: how.updateUrl ?? true });
  }

  function selectItem(item: number, how: { scroll: boolean; center?: boolean; focus?: boolean; updateUrl?: boolean }): void {
    if (!trace) return;
    if (rows.rowOf[item] === undefined || rows.rowOf[item]! < 0) {
      revealAndSelect(item, { focus: how.focus ?? false, updateUrl: how.updateUrl ?? true });
      return;
    }
    selected = item;
    grid.setFocusedItem(item);
    grid.refresh(rowContext());
    if (how.scroll) grid.scrollToItem(item, how.center ? 'center' : 'nearest');
    if (how.focus) grid.focusItem(item);
    showDetails();
    filterBar.setMatches(matches.order.length, currentMatchPosition(), isFilterActive(filter));
    const node = trace.items[item]!;
    if ((how.updateUrl ?? true) && node.kind === 'span') writeLink(node);
    options.onSelect?.(node.kind === 'span' ? node.record : undefined);
  }

  function showDetails(): void {
    if (!trace || selected < 0) {
      renderEmptyDetails(details, 'Select a span to see its details: click it, or move to it with the arrow keys and press Enter.');
      return;
    }
    renderDetails(details, trace.items[selected]!, {
      trace,
      critical,
      headingLevel,
      onGoTo: (target) => revealAndSelect(target.index, { focus: true }),
      onZoomTo: (node) => zoomTo(node),
      linkTo: (node) => (linkToSpans ? `${location.href.split('#')[0]}${formatSpanLink({ traceId: node.record.traceId, spanKey: node.key })}` : undefined),
    });
  }

  function writeLink(node: SpanNode): void {
    if (!linkToSpans || isForeignFragment(location.hash)) return;
    const hash = formatSpanLink({ traceId: node.record.traceId, spanKey: node.key });
    if (location.hash !== hash) history.replaceState(history.state, '', hash);
  }

  function applyLink(link: SpanLink): void {
    if (!model) {
      pendingLink = link;
      return;
    }
    const target = link.traceId ? model.traces.find((t) => t.traceId === link.traceId) : trace;
    if (target && target !== trace) {
      pendingLink = link;
      showTrace(target);
      return;
    }
    const node = trace ? findSpanByKey(trace, link.spanKey) : undefined;
    if (node) revealAndSelect(node.index, { focus: false, updateUrl: false });
    else pendingLink = link;
  }

  function zoomTo(node: SpanNode): void {
    const length = Math.max(node.endMs - node.startMs, (trace?.durationMs ?? 0) / 1000);
    setWindow({ start: node.startMs - length * 0.05, end: node.endMs + length * 0.05 });
  }

  function selectedCentre(): number | undefined {
    const node = trace && selected >= 0 ? trace.items[selected] : undefined;
    return node?.kind === 'span' ? (node.startMs + node.endMs) / 2 : undefined;
  }

  function setWindow(next: TimeWindow): void {
    if (!trace) return;
    timeWindow = clampWindow(next, trace.durationMs);
    applyWindow();
    grid.refresh(rowContext());
  }

  function applyWindow(): void {
    if (!trace) return;
    grid.setTicks(axisTicks(timeWindow, layout === 'narrow' ? 3 : 5));
    overview.setWindow(timeWindow);
    const whole = isWholeTrace(timeWindow, trace.durationMs);
    zoomReset.disabled = whole;
    zoomOut.disabled = whole;
  }

  function renderSummary(): void {
    if (!trace || !model) return;
    const parts = [trace.title, formatDuration(trace.durationMs), plural(trace.spanCount, 'span'), plural(trace.services.length, 'service')];
    if (trace.errorCount) parts.push(`⚠ ${plural(trace.errorCount, 'error')}`);
    summary.replaceChildren(
      el('strong', { text: parts[0]! }),
      ` · ${parts.slice(1).join(' · ')} · trace `,
      el('code', { text: shortId(trace.traceId), attrs: { title: trace.traceId } }),
    );
    const items = trace.services.map((index) =>
      el('li', { className: 'tv-legend__service' }, [
        el('span', { className: 'tv-swatch', attrs: { 'aria-hidden': 'true', 'data-service': String(index % 6) } }),
        model!.services[index]!,
      ]),
    );
    items.push(el('li', { className: 'tv-legend__critical', text: 'critical path' }));
    const explain = (which: keyof typeof BADGES, text: string) => {
      const icon = badge(which);
      icon.querySelector('.tv-badge__word')?.remove();
      icon.setAttribute('aria-hidden', 'true');
      items.push(el('li', {}, [icon, text]));
    };
    if (trace.errorCount) explain('error', 'error');
    if (critical && critical.bottleneck.length > 0) explain('bottleneck', `bottleneck: ${critical.bottleneck.map((node) => node.record.name).join(' › ')}`);
    if (trace.unfinishedCount) explain('unfinished', 'never ended');
    if (trace.skewCount) explain('skew', 'outside its parent (clock skew)');
    if (trace.duplicateCount) explain('duplicate', 'duplicate span id');
    legend.replaceChildren(...items);
  }

  function renderNotes(): void {
    if (!trace || !model) return;
    const list: HTMLElement[] = [];
    const note = (icon: string, text: string, kind = 'warn') =>
      list.push(el('li', { className: `tv-note tv-note--${kind}` }, [el('span', { className: 'tv-note__icon', text: icon, attrs: { 'aria-hidden': 'true' } }), text]));
    if (model.traces.length > 1) note('ℹ', `This data holds ${model.traces.length} traces: choose one in the Trace list.`, 'info');
    if (trace.orphanCount) {
      note('⚠', `${plural(trace.orphanCount, 'span')} ${trace.orphanCount === 1 ? 'has a parent' : 'have parents'} that ${trace.missingParent!.missingParentIds.length === 1 ? 'is' : 'are'} not in this data: listed under “Missing parent”.`);
    }
    if (trace.skewCount) note('⇆', `${plural(trace.skewCount, 'span')} ${trace.skewCount === 1 ? 'starts' : 'start'} before or ${trace.skewCount === 1 ? 'ends' : 'end'} after ${trace.skewCount === 1 ? 'its' : 'their'} parent (clock skew between hosts?): drawn at ${trace.skewCount === 1 ? 'its' : 'their'} own times and flagged ⇆.`);
    if (trace.duplicateCount) note('⚠', `${plural(trace.duplicateCount, 'span')} share a span id with another span of this trace: all are shown, flagged “dup id”.`);
    if (trace.unfinishedCount) note('⏵', `${plural(trace.unfinishedCount, 'span')} never ended: drawn up to the end of the trace and marked “unfinished”.`);
    notes.replaceChildren(...list);
    notes.hidden = list.length === 0;
  }

  // ---- public API ----------------------------------------------------------------------------
  const viewer: TraceViewer = {
    update(spans, unfinished = []) {
      showModel(buildTraceModel(spans, unfinished));
    },
    showModel,
    select(spanId, traceId) {
      if (!model) return false;
      const key = spanId.toLowerCase();
      const inTrace = (t: TraceView) => (traceId === undefined || t.traceId === traceId.toLowerCase() ? findSpanByKey(t, key) : undefined);
      if (trace) {
        const here = inTrace(trace);
        if (here) {
          revealAndSelect(here.index, { focus: false });
          return true;
        }
      }
      for (const other of model.traces) {
        const node = inTrace(other);
        if (node) {
          showTrace(other);
          revealAndSelect(findSpanByKey(other, key)!.index, { focus: false });
          return true;
        }
      }
      return false;
    },
    currentTrace() {
      if (!trace) return undefined;
      const records: SpanRecord[] = [];
      for (const item of trace.items) if (item.kind === 'span') records.push(item.record);
      return { traceId: trace.traceId, records };
    },
    destroy() {
      generation++;
      resize.disconnect();
      themeWatch.disconnect();
      removeEventListener('hashchange', onHashChange);
      filterBar.destroy();
      grid.destroy();
      root.remove();
    },
  };

  applyLayout(container.clientWidth || 1024);
  viewer.update(options.spans ?? [], options.unfinished ?? []);
  return viewer;
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

/** First position in `sorted` whose value is > `value`. */
function upperBound(sorted: Int32Array, value: number): number {
  return lowerBound(sorted, value + 1);
}

export type { TraceModel } from '../model.ts';
export { TraceModelBuilder } from '../model.ts';
