import { describe, expect, it } from 'vitest';
import type { CheckResults } from '../../src/checks/index.ts';
import { hintButtonText } from '../../src/exercises/client/hint-button.ts';
import { LAST_RUN_LIMITS, LAST_RUN_PREFIX, LastRunStore } from '../../src/exercises/client/last-run.ts';
import { revealDelta } from '../../src/exercises/client/reveal.ts';
import { runSummaryText } from '../../src/exercises/client/run-summary.ts';
import { memoryStorage, type KeyValueStorage } from '../../src/progress/store.ts';
import type { RunError } from '../../sandboxes/wire/protocol.ts';
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';

const results = (statuses: Array<'pass' | 'fail' | 'error'>, status: CheckResults['status'] = statuses.every((s) => s === 'pass') ? 'pass' : 'fail'): CheckResults => ({
  version: 2,
  status,
  tests: statuses.map((s, i) => ({ name: `check ${i + 1}`, status: s, ...(s === 'pass' ? {} : { message: 'expected more' }) })),
});

const span = (i: number, ended = true): SpanRecord => ({
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: i.toString(16).padStart(16, '0'),
  name: `span ${i}`,
  kind: 'INTERNAL',
  startTimeUnixNano: '1700000000000000000',
  ...(ended ? { endTimeUnixNano: '1700000000005000000' } : {}),
  attributes: { 'order.id': 'A-1' },
  events: [],
  links: [],
  status: { code: 'UNSET' },
  resource: { 'service.name': 'shop' },
  scope: { name: 'checkout', version: '1.0.0' },
});

const thrown: RunError = { kind: 'runtime', name: 'Error', message: 'card declined', at: { file: 'checkout.ts', line: 12, column: 5 } };

describe('run summary', () => {
  it('counts passed checks, spans and errors', () => {
    expect(runSummaryText(results(['pass', 'fail', 'pass']), { spans: [span(1), span(2)], errors: [thrown] })).toBe('2 of 3 checks passed · 2 spans · 1 error');
    expect(runSummaryText(results(['pass', 'pass']), { spans: [span(1)], errors: [] })).toBe('All 2 checks passed · 1 span');
    expect(runSummaryText({ version: 2, status: 'error', message: 'no run', tests: [] }, { spans: [], errors: [thrown, thrown] })).toBe('The checks could not run · 0 spans · 2 errors');
  });
});

describe('revealing the results', () => {
  const view = { top: 60, bottom: 900 };
  it('does not move when the summary and the results are in view', () => {
    expect(revealDelta({ top: 500, bottom: 520 }, { top: 600, bottom: 800 }, view)).toBe(0);
  });
  it('scrolls down just enough to show results below the window', () => {
    expect(revealDelta({ top: 700, bottom: 720 }, { top: 950, bottom: 1150 }, view)).toBe(250);
  });
  it('never scrolls the summary out of view, even for tall results', () => {
    expect(revealDelta({ top: 700, bottom: 720 }, { top: 950, bottom: 3000 }, view)).toBe(640);
  });
  it('brings a summary below the window into view (Ctrl+Enter in a tall editor)', () => {
    expect(revealDelta({ top: 1000, bottom: 1020 }, { top: 1100, bottom: 1300 }, view)).toBe(400);
  });
  it('scrolls up to results above, as far as the summary allows', () => {
    // Side by side: the checks start beside the editor, above the window's top.
    expect(revealDelta({ top: 850, bottom: 870 }, { top: -100, bottom: 200 }, view)).toBe(-30);
  });
});

describe('hint button', () => {
  it('is named Hint before the first hint, then says which hint comes next', () => {
    expect(hintButtonText(0, 3)).toBe('Hint');
    expect(hintButtonText(1, 3)).toBe('Hint 2 of 3');
    expect(hintButtonText(3, 3)).toBe('Hints: all 3 shown');
    expect(hintButtonText(1, 1)).toBe('Hint shown');
    expect(hintButtonText(0, 0)).toBe('Hint');
  });
});

describe('last run store', () => {
  const run = { spans: [span(1), span(2)], unfinished: [span(3, false)], console: [{ level: 'log' as const, text: 'charged', at: 3 }], errors: [thrown] };

  it('gives back the last run while the progress store records its outcome', () => {
    const store = new LastRunStore(memoryStorage());
    expect(store.save('checkout', results(['pass', 'fail']), run)).toEqual({ ok: true });
    const last = store.load('checkout', 'fail');
    expect(last?.results).toEqual(results(['pass', 'fail']));
    expect(last?.spans.map((s) => s.name)).toEqual(['span 1', 'span 2']);
    expect(last?.unfinished[0]?.endTimeUnixNano).toBeUndefined();
    expect(last?.console[0]?.text).toBe('charged');
    expect(last?.errors[0]?.at?.line).toBe(12);
  });

  it('forgets a run the progress store no longer knows (reset) or disagrees with', () => {
    const storage = memoryStorage();
    const store = new LastRunStore(storage);
    store.save('checkout', results(['fail']), run);
    expect(store.load('checkout', undefined)).toBeUndefined();
    expect(storage.getItem(`${LAST_RUN_PREFIX}checkout`)).toBeNull();
    store.save('checkout', results(['fail']), run);
    expect(store.load('checkout', 'pass')).toBeUndefined();
  });

  it('reads damaged or foreign data as nothing', () => {
    const storage = memoryStorage();
    const store = new LastRunStore(storage);
    storage.setItem(`${LAST_RUN_PREFIX}a`, '{not json');
    storage.setItem(`${LAST_RUN_PREFIX}b`, JSON.stringify({ results: results(['fail']), savedAt: 1, spans: [{ name: 'x' }], unfinished: [], console: [], errors: [] }));
    expect(store.load('a', 'fail')).toBeUndefined();
    expect(store.load('b', 'fail')).toBeUndefined();
  });

  it('caps the spans and output it keeps', () => {
    const storage = memoryStorage();
    const store = new LastRunStore(storage);
    const many = Array.from({ length: 1000 }, (_, i) => span(i + 1));
    const lines = Array.from({ length: 1000 }, (_, i) => ({ level: 'log' as const, text: 'x'.repeat(5000), at: i }));
    store.save('flood', results(['fail']), { spans: many, unfinished: [], console: lines, errors: [] });
    const last = store.load('flood', 'fail')!;
    expect(last.spans).toHaveLength(LAST_RUN_LIMITS.spans);
    expect(last.droppedSpans).toBe(1000 - LAST_RUN_LIMITS.spans);
    expect(last.console).toHaveLength(LAST_RUN_LIMITS.lines);
    expect(last.console[0]!.text.length).toBeLessThanOrEqual(LAST_RUN_LIMITS.text + 1);
    expect(storage.getItem(`${LAST_RUN_PREFIX}flood`)!.length).toBeLessThanOrEqual(LAST_RUN_LIMITS.chars);
  });

  it('reports a full storage instead of throwing', () => {
    const inner = memoryStorage();
    const full: KeyValueStorage = {
      getItem: inner.getItem,
      removeItem: inner.removeItem,
      key: inner.key,
      get length() {
        return inner.length;
      },
      setItem: () => {
        throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
      },
    };
    const saved = new LastRunStore(full).save('checkout', results(['fail']), run);
    expect(saved).toEqual({ ok: false, error: 'Browser storage is full, so your last run was not saved. Read it before you reload, then free some space for this site.' });
  });
});
