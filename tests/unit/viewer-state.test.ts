import { describe, expect, it } from 'vitest';
import { buildTraceModel } from '../../src/trace/model-builder.ts';
import type { TraceView } from '../../src/trace/model.ts';
import { labelsFit, ticksForWidth } from '../../src/trace/viewer/time-axis.ts';
import { ViewerState } from '../../src/trace/viewer/viewer-state.ts';
import { CHECKOUT_TRACE_ID, checkoutTrace, spanRecord } from '../helpers/trace-fixtures.ts';

const OTHER_TRACE_ID = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

/** Names of the rows on screen, top to bottom. */
const rowNames = (state: ViewerState) => Array.from(state.rows.items, (item) => nameOf(state.trace!, item));
const nameOf = (trace: TraceView, item: number) => {
  const node = trace.items[item]!;
  return node.kind === 'span' ? node.record.name : `[${node.kind}]`;
};
const itemNamed = (state: ViewerState, name: string) => state.trace!.items.findIndex((node) => node.kind === 'span' && node.record.name === name);

function checkoutState(): ViewerState {
  const state = new ViewerState();
  state.setModel(buildTraceModel(checkoutTrace()));
  return state;
}

function twoTraces() {
  const other = [spanRecord({ name: 'GET /health', spanId: 'b000000000000001', traceId: OTHER_TRACE_ID, start: 500, end: 510 })];
  return buildTraceModel([...checkoutTrace(), ...other]);
}

describe('ViewerState: showing a trace', () => {
  it('starts with every row expanded, the whole trace in the window and nothing selected', () => {
    const state = checkoutState();
    expect(rowNames(state)).toEqual(['POST /checkout', 'auth middleware', 'validate cart', 'charge payment', 'stripe api call', 'save order to db']);
    expect(state.window).toEqual({ start: 0, end: state.trace!.durationMs });
    expect(state.isWholeTrace()).toBe(true);
    expect(state.selected).toBe(-1);
    expect(state.critical?.bottleneck.map((node) => node.record.name)).toEqual(['charge payment', 'stripe api call']);
  });

  it('leaves spans the annotator calls absent out of the critical path', () => {
    // As in a comparison where the learner's trace lacks the Stripe call: drawn, but not waited for.
    const state = new ViewerState(undefined, { annotate: (record) => (record.name === 'stripe api call' ? { words: 'missing', marks: [], absent: { facts: [] } } : undefined) });
    state.setModel(buildTraceModel(checkoutTrace()));
    const stripe = itemNamed(state, 'stripe api call');
    expect(state.critical!.selfMs[stripe]).toBe(0);
    expect(state.critical!.selfMs[itemNamed(state, 'charge payment')]).toBeGreaterThan(300);
    expect(state.critical!.bottleneck.map((node) => node.record.name)).toEqual(['charge payment']);
  });

  it('shows nothing for a model without spans', () => {
    const state = new ViewerState();
    expect(state.setModel(buildTraceModel([]))).toBeUndefined();
    expect(state.trace).toBeUndefined();
    expect(state.rowContext()).toBeUndefined();
  });

  it('keeps the selected span across an update that still has it, and says when it is gone', () => {
    const state = checkoutState();
    const charge = itemNamed(state, 'charge payment');
    state.select(charge);
    const again = state.setModel(buildTraceModel(checkoutTrace({ failed: true })));
    expect(again).toEqual({ reason: 'kept', item: itemNamed(state, 'charge payment') });
    state.select(itemNamed(state, 'stripe api call'));
    const withoutStripe = checkoutTrace().filter((record) => record.name !== 'stripe api call');
    expect(state.setModel(buildTraceModel(withoutStripe))).toEqual({ reason: 'lost' });
  });

  it('opens the trace a deep link names and selects its span once', () => {
    const state = new ViewerState({ traceId: OTHER_TRACE_ID, spanKey: 'b000000000000001' });
    const selection = state.setModel(twoTraces());
    expect(state.trace!.traceId).toBe(OTHER_TRACE_ID);
    expect(selection).toEqual({ reason: 'link', item: 0 });
    // The link is used up: the next model does not jump back to it.
    state.showTrace(state.model!.traces.find((t) => t.traceId === CHECKOUT_TRACE_ID)!);
    expect(state.setModel(twoTraces())).toEqual({ reason: 'none' });
    expect(state.trace!.traceId).toBe(CHECKOUT_TRACE_ID);
  });
});

describe('ViewerState: expanding and collapsing', () => {
  it('hides a collapsed subtree and shows it again', () => {
    const state = checkoutState();
    const charge = itemNamed(state, 'charge payment');
    state.toggle(charge, false);
    expect(rowNames(state)).not.toContain('stripe api call');
    expect(state.isExpanded(charge)).toBe(false);
    state.toggle(charge, true);
    expect(rowNames(state)).toContain('stripe api call');
  });

  it('collapses and expands everything', () => {
    const state = checkoutState();
    state.expandAll(false);
    expect(rowNames(state)).toEqual(['POST /checkout']);
    state.expandAll(true);
    expect(state.rows.items.length).toBe(6);
  });

  it('reveals a hidden span by opening its ancestors, and only selects items that have a row', () => {
    const state = checkoutState();
    const stripe = itemNamed(state, 'stripe api call');
    state.expandAll(false);
    expect(state.select(stripe)).toBe(false);
    expect(state.reveal(stripe)).toBe(true);
    expect(rowNames(state)).toEqual(['POST /checkout', 'auth middleware', 'validate cart', 'charge payment', 'stripe api call', 'save order to db']);
    expect(state.reveal(stripe)).toBe(false);
    expect(state.select(stripe)).toBe(true);
    expect(state.selectedSpan?.record.name).toBe('stripe api call');
  });
});

describe('ViewerState: the filter', () => {
  it('counts matches and steps through them in tree order, wrapping around', () => {
    const state = checkoutState();
    state.setFilter({ name: 'a' }, false);
    const matches = ['auth middleware', 'validate cart', 'charge payment', 'stripe api call', 'save order to db'].map((name) => itemNamed(state, name));
    expect(state.matchCount).toBe(5);
    const visited: number[] = [];
    for (let i = 0; i < 6; i++) {
      const next = state.stepMatch(1)!;
      visited.push(next);
      state.select(next);
      expect(state.matchPosition()).toBe(matches.indexOf(next));
    }
    expect(visited).toEqual([...matches, matches[0]]);
    state.select(matches[0]!);
    expect(state.stepMatch(-1)).toBe(matches[4]);
  });

  it('in "matches only" mode shows matches and their ancestors, opening collapsed ones', () => {
    const state = checkoutState();
    state.expandAll(false);
    state.setFilter({ name: 'stripe' }, true);
    expect(rowNames(state)).toEqual(['POST /checkout', 'charge payment', 'stripe api call']);
    expect(state.rowContext()!.hasMatchBelow).toBeDefined();
    state.setFilter({}, false);
    expect(state.filterActive).toBe(false);
    expect(state.matchCount).toBe(0);
    expect(state.stepMatch(1)).toBeUndefined();
  });
});

describe('ViewerState: the time window', () => {
  it('zooms around the selected span and back to the whole trace', () => {
    const state = checkoutState();
    state.select(itemNamed(state, 'stripe api call'));
    const stripe = state.selectedSpan!;
    const centre = (stripe.startMs + stripe.endMs) / 2;
    state.zoom(0.5);
    // Half as long, and the span's middle stays where it was on the axis.
    expect(state.window.end - state.window.start).toBeCloseTo(225, 9);
    expect((centre - state.window.start) / 225).toBeCloseTo(centre / 450, 9);
    expect(state.isWholeTrace()).toBe(false);
    state.showWholeTrace();
    expect(state.isWholeTrace()).toBe(true);
  });

  it('fits the window to a span with a margin, inside the trace', () => {
    const state = checkoutState();
    const auth = state.trace!.items[itemNamed(state, 'auth middleware')]!;
    if (auth.kind !== 'span') throw new Error('expected a span');
    state.zoomTo(auth);
    const length = auth.endMs - auth.startMs;
    expect(state.window.start).toBeCloseTo(auth.startMs - length * 0.05, 9);
    expect(state.window.end).toBeCloseTo(auth.endMs + length * 0.05, 9);
    state.setWindow({ start: -100, end: 10_000 });
    expect(state.window).toEqual({ start: 0, end: state.trace!.durationMs });
  });
});

describe('ViewerState: links, lookups and export', () => {
  it('follows a link in the trace on screen, switches trace for another, and waits for one not there yet', () => {
    const state = new ViewerState();
    expect(state.followLink({ traceId: undefined, spanKey: 'a000000000000001' })).toEqual({ kind: 'wait' });
    state.setModel(twoTraces());
    expect(state.trace!.traceId).toBe(CHECKOUT_TRACE_ID);
    expect(state.followLink({ traceId: CHECKOUT_TRACE_ID, spanKey: 'a000000000000004' })).toEqual({ kind: 'select', item: itemNamed(state, 'charge payment') });
    const action = state.followLink({ traceId: OTHER_TRACE_ID, spanKey: 'b000000000000001' });
    expect(action.kind).toBe('switch');
    if (action.kind !== 'switch') return;
    expect(state.showTrace(action.trace)).toEqual({ reason: 'link', item: 0 });
  });

  it('finds a span by id in the trace on screen first, then in the others', () => {
    const state = new ViewerState();
    state.setModel(twoTraces());
    expect(state.findSpan('A000000000000004')).toEqual({ trace: state.trace, item: itemNamed(state, 'charge payment') });
    expect(state.findSpan('b000000000000001')?.trace.traceId).toBe(OTHER_TRACE_ID);
    expect(state.findSpan('b000000000000001', CHECKOUT_TRACE_ID)).toBeUndefined();
    expect(state.findSpan('ffffffffffffffff')).toBeUndefined();
  });

  it('gives the records of the trace on screen, and ignores a late critical path for another trace', () => {
    const state = new ViewerState();
    state.setModel(twoTraces());
    expect(state.traceRecords()?.records.map((record) => record.name)).toHaveLength(6);
    const token = state.token;
    state.showTrace(state.model!.traces[1]!);
    expect(state.setCriticalPath(token, undefined)).toBe(false);
    expect(state.criticalPathLater()).toBeUndefined();
  });
});

describe('tick labels that fit their axis', () => {
  it('keeps five ticks where they fit', () => {
    expect(ticksForWidth({ start: 0, end: 450 }, 600).ticks.map((t) => t.label)).toEqual(['0 ms', '100 ms', '200 ms', '300 ms', '400 ms']);
  });

  it('drops ticks on a narrow axis instead of overlapping labels ("0 ms10 ms")', () => {
    const window = { start: 0, end: 50 };
    const crowded = ticksForWidth(window, 0);
    expect(crowded.ticks.map((t) => t.label)).toEqual(['0 ms', '10 ms', '20 ms', '30 ms', '40 ms', '50 ms']);
    expect(labelsFit(crowded, 150)).toBe(false);
    const fitted = ticksForWidth(window, 150);
    expect(labelsFit(fitted, 150)).toBe(true);
    expect(fitted.ticks.length).toBeGreaterThanOrEqual(2);
    expect(fitted.ticks.length).toBeLessThan(crowded.ticks.length);
    expect(ticksForWidth(window, 20).ticks).toHaveLength(1);
  });

  it('keeps the labels at the ends inside the axis', () => {
    const ticks = ticksForWidth({ start: 0, end: 400 }, 600).ticks;
    expect(ticks[0]!.align).toBe('start');
    expect(ticks[ticks.length - 1]!.align).toBe('end');
    expect(ticks[1]!.align).toBe('centre');
  });
});
