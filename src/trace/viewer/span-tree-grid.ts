/**
 * The span tree as a virtualised WAI-ARIA treegrid named "Span tree": only the rows in view
 * (plus a few either side, plus the focused row) exist in the DOM, placed by row index times a
 * fixed row height, so a 100,000-span trace costs the same to scroll as a 10-span one.
 *
 * Keyboard (row focus, roving tabindex): Up/Down, PageUp/PageDown, Home/End move; Right
 * expands, or moves to the first child; Left collapses, or moves to the parent; Enter or Space
 * selects the span and shows its details. Rows stay in item order in the DOM (rows are always
 * a subsequence of the depth-first item order), so reading order matches what is on screen.
 */
import { parentItem, type TreeItem } from '../model.ts';
import { el } from './dom.ts';
import { canExpand, createRow, fillRow, type RowContext, type RowElements } from './span-row.ts';
import { ticksForWidth, type TimeWindow } from './time-axis.ts';
import type { VisibleRows } from './visible-rows.ts';

export interface TreeGridEvents {
  /** Enter, Space or a click on a row: select that item. */
  onActivate(item: number): void;
  /** The row's toggle was clicked, or Right/Left asked to expand/collapse. */
  onToggle(item: number, expand: boolean): void;
}

const OVERSCAN_ROWS = 8;

export class SpanTreeGrid {
  readonly element: HTMLElement;
  private readonly header: HTMLElement;
  private readonly ticksBox: HTMLElement;
  private readonly body: HTMLElement;
  private readonly sizer: HTMLElement;
  private readonly events: TreeGridEvents;
  private readonly rendered = new Map<number, RowElements>();
  private readonly pool: RowElements[] = [];
  private rows: VisibleRows = { items: new Int32Array(0), rowOf: new Int32Array(0) };
  private ctx: RowContext | undefined;
  private version = 0;
  private rowHeight = 28;
  private viewportHeight = 0;
  private focusedItem = -1;
  private frame = 0;
  private timeWindow: TimeWindow | undefined;
  /** Width of the time axis in px; 0 until it is laid out. */
  private axisWidth = 0;
  private readonly axisResize: ResizeObserver;

  constructor(label: string, events: TreeGridEvents) {
    this.events = events;
    this.ticksBox = el('div', { className: 'tv-ticks', attrs: { 'aria-hidden': 'true' } });
    this.header = el('div', { className: 'tv-header', attrs: { role: 'rowgroup' } }, [
      el('div', { className: 'tv-row tv-row--header', attrs: { role: 'row', 'aria-rowindex': '1' } }, [
        el('div', { className: 'tv-cell tv-cell--name', text: 'Span', attrs: { role: 'columnheader' } }),
        el('div', { className: 'tv-cell tv-cell--time', attrs: { role: 'columnheader', 'aria-label': 'Timeline' } }, [this.ticksBox]),
        el('div', { className: 'tv-cell tv-cell--duration', text: 'Duration', attrs: { role: 'columnheader' } }),
      ]),
    ]);
    this.sizer = el('div', { className: 'tv-sizer', attrs: { role: 'presentation' } });
    this.body = el('div', { className: 'tv-body', attrs: { role: 'rowgroup' } }, [this.sizer]);
    this.element = el('div', { className: 'tv-grid', attrs: { role: 'treegrid', 'aria-label': label, 'aria-colcount': '3' } }, [this.header, this.body]);

    this.body.addEventListener('scroll', () => this.scheduleRender(), { passive: true });
    this.body.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.body.addEventListener('click', (event) => this.onClick(event));
    this.body.addEventListener('focusin', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('.tv-row');
      if (row?.dataset.index !== undefined) this.setFocusedItem(Number(row.dataset.index));
    });
    // How many tick labels fit depends on the axis's own width, which changes with the layout.
    this.axisResize = new ResizeObserver((entries) => {
      const width = Math.round(entries[entries.length - 1]!.contentRect.width);
      if (width === this.axisWidth) return;
      this.axisWidth = width;
      this.drawTicks();
    });
    this.axisResize.observe(this.ticksBox);
  }

  /** New rows (another trace, expand/collapse, filter): re-renders what is in view. */
  setRows(rows: VisibleRows, ctx: RowContext): void {
    this.rows = rows;
    this.ctx = ctx;
    this.version++;
    if (this.focusedItem >= 0 && rows.rowOf[this.focusedItem] === undefined) this.focusedItem = -1;
    if (this.focusedItem >= 0 && rows.rowOf[this.focusedItem]! < 0) {
      // The focused row was collapsed away or filtered out: its nearest shown ancestor takes focus.
      let at: TreeItem | undefined = ctx.trace.items[this.focusedItem];
      while (at !== undefined && rows.rowOf[at.index]! < 0) at = parentItem(ctx.trace, at);
      const hadFocus = this.element.contains(document.activeElement);
      this.focusedItem = at?.index ?? -1;
      this.applySize();
      this.render();
      if (hadFocus && this.focusedItem >= 0) this.focusItem(this.focusedItem);
      return;
    }
    this.applySize();
    this.render();
  }

  /** Same rows, new state (selection, zoom, critical path): refills the rows in view. */
  refresh(ctx: RowContext): void {
    this.ctx = ctx;
    this.version++;
    this.render();
  }

  setLayout(rowHeight: number, viewportHeight: number): void {
    if (rowHeight === this.rowHeight && viewportHeight === this.viewportHeight) return;
    this.rowHeight = rowHeight;
    this.viewportHeight = viewportHeight;
    this.element.style.setProperty('--tv-row-h', `${rowHeight}px`);
    this.applySize();
    this.render();
  }

  /** The time axis above the bars: ticks as many as the axis's width holds without overlapping labels. */
  setTimeWindow(window: TimeWindow): void {
    this.timeWindow = window;
    this.drawTicks();
  }

  private drawTicks(): void {
    if (!this.timeWindow) return;
    const axis = ticksForWidth(this.timeWindow, this.axisWidth);
    this.ticksBox.replaceChildren(
      ...axis.ticks.map((tick) => {
        const place = tick.align === 'centre' ? '' : ` tv-tick--${tick.align}`;
        const label = el('span', { className: `tv-tick${place}`, text: tick.label });
        label.style.left = `${tick.percent}%`;
        return label;
      }),
    );
    this.element.style.setProperty('--tv-tick-spacing', `${axis.spacingPercent}%`);
    this.element.style.setProperty('--tv-tick-offset', `${axis.offsetPercent}%`);
  }

  /** Scrolls so the item's row is in view (no-op when it already is). */
  scrollToItem(item: number, align: 'nearest' | 'center' = 'nearest'): void {
    const row = this.rows.rowOf[item];
    if (row === undefined || row < 0) return;
    const top = row * this.rowHeight;
    const view = this.body.clientHeight || this.viewportHeight;
    const current = this.body.scrollTop;
    if (align === 'center') this.body.scrollTop = Math.max(0, top - view / 2 + this.rowHeight / 2);
    else if (top < current) this.body.scrollTop = top;
    else if (top + this.rowHeight > current + view) this.body.scrollTop = top + this.rowHeight - view;
    this.render();
  }

  /** Moves keyboard focus to an item's row (scrolling it into view). */
  focusItem(item: number): void {
    if (this.rows.rowOf[item] === undefined || this.rows.rowOf[item]! < 0) return;
    this.setFocusedItem(item);
    this.scrollToItem(item);
    this.rendered.get(item)?.root.focus({ preventScroll: true });
  }

  /** The item whose row takes Tab focus. */
  setFocusedItem(item: number): void {
    if (item === this.focusedItem) return;
    const old = this.rendered.get(this.focusedItem);
    if (old) old.root.tabIndex = -1;
    this.focusedItem = item;
    const row = this.rendered.get(item);
    if (row) row.root.tabIndex = 0;
  }

  /** Another trace: back to the top, focus on its first row. */
  resetPosition(): void {
    this.focusedItem = -1;
    this.body.scrollTop = 0;
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.axisResize.disconnect();
    this.element.remove();
  }

  private applySize(): void {
    const total = this.rows.items.length * this.rowHeight;
    this.sizer.style.height = `${total}px`;
    this.body.style.height = `${Math.max(Math.min(total, this.viewportHeight), this.rowHeight)}px`;
    this.element.setAttribute('aria-rowcount', String(this.rows.items.length + 1));
  }

  private scheduleRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const items = this.rows.items;
    const h = this.rowHeight;
    const top = this.body.scrollTop;
    const view = this.viewportHeight;
    const first = Math.max(0, Math.floor(top / h) - OVERSCAN_ROWS);
    const last = Math.min(items.length - 1, Math.ceil((top + view) / h) + OVERSCAN_ROWS);
    if (this.focusedItem < 0 || this.rows.rowOf[this.focusedItem]! < 0) {
      const selectedRow = ctx.selected >= 0 ? this.rows.rowOf[ctx.selected]! : -1;
      this.focusedItem = selectedRow >= 0 ? ctx.selected : (items[0] ?? -1);
    }

    // Rows needed, in item order: the window plus the focused row wherever it is.
    const needed: number[] = [];
    const focusedRow = this.focusedItem >= 0 ? this.rows.rowOf[this.focusedItem]! : -1;
    if (focusedRow >= 0 && focusedRow < first) needed.push(this.focusedItem);
    for (let r = first; r <= last; r++) needed.push(items[r]!);
    if (focusedRow > last) needed.push(this.focusedItem);

    const keep = new Set(needed);
    for (const [item, row] of this.rendered) {
      if (!keep.has(item)) {
        row.root.remove();
        this.rendered.delete(item);
        this.pool.push(row);
      }
    }
    let cursor = this.sizer.firstElementChild;
    for (const item of needed) {
      let row = this.rendered.get(item);
      const rowIndex = this.rows.rowOf[item]!;
      if (row !== undefined) {
        cursor = row.root.nextElementSibling;
      } else {
        row = this.pool.pop() ?? createRow();
        row.version = -1;
        this.sizer.insertBefore(row.root, cursor);
        this.rendered.set(item, row);
      }
      if (row.version !== this.version || row.item !== item) fillRow(row, ctx.trace.items[item]!, ctx, this.version);
      row.root.style.transform = `translateY(${rowIndex * h}px)`;
      row.root.setAttribute('aria-rowindex', String(rowIndex + 2));
      row.root.tabIndex = item === this.focusedItem ? 0 : -1;
    }
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as HTMLElement;
    const rowEl = target.closest<HTMLElement>('.tv-row');
    if (rowEl?.dataset.index === undefined || !this.ctx) return;
    const item = Number(rowEl.dataset.index);
    const treeItem = this.ctx.trace.items[item];
    if (!treeItem) return;
    this.setFocusedItem(item);
    if (target.closest('.tv-toggle') && canExpand(treeItem, this.ctx)) {
      this.events.onToggle(item, this.ctx.expanded[item] !== 1);
      return;
    }
    this.events.onActivate(item);
  }

  private onKeyDown(event: KeyboardEvent): void {
    const ctx = this.ctx;
    if (!ctx || event.altKey || event.ctrlKey || event.metaKey) return;
    const items = this.rows.items;
    const current = this.focusedItem;
    const row = current >= 0 ? this.rows.rowOf[current]! : -1;
    if (row < 0) return;
    const item = ctx.trace.items[current]!;
    const page = Math.max(1, Math.floor(this.viewportHeight / this.rowHeight) - 1);
    const moveTo = (r: number) => this.focusItem(items[Math.min(Math.max(r, 0), items.length - 1)]!);
    switch (event.key) {
      case 'ArrowDown':
        moveTo(row + 1);
        break;
      case 'ArrowUp':
        moveTo(row - 1);
        break;
      case 'PageDown':
        moveTo(row + page);
        break;
      case 'PageUp':
        moveTo(row - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(items.length - 1);
        break;
      case 'ArrowRight':
        if (canExpand(item, ctx)) {
          if (ctx.expanded[current] !== 1) this.events.onToggle(current, true);
          else if (row + 1 < items.length) moveTo(row + 1);
        }
        break;
      case 'ArrowLeft': {
        if (canExpand(item, ctx) && ctx.expanded[current] === 1) {
          this.events.onToggle(current, false);
        } else {
          const parent = parentItem(ctx.trace, item);
          if (parent !== undefined) this.focusItem(parent.index);
        }
        break;
      }
      case 'Enter':
      case ' ':
        this.events.onActivate(current);
        break;
      default:
        return;
    }
    event.preventDefault();
  }
}
