import { describe, expect, it } from 'vitest';
import { DRAFT_PREFIX, memoryStorage, PROGRESS_KEY, ProgressStore, type KeyValueStorage } from '../../src/progress/store.ts';

function fullStorage(): KeyValueStorage {
  const inner = memoryStorage();
  return {
    ...inner,
    getItem: inner.getItem,
    key: inner.key,
    get length() {
      return inner.length;
    },
    removeItem: inner.removeItem,
    setItem: () => {
      throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    },
  };
}

describe('progress store', () => {
  it('records results; passed stays true after a later failure', () => {
    const store = new ProgressStore(memoryStorage());
    expect(store.exercise('checkout').passed).toBe(false);
    expect(store.recordResult('checkout', 'fail')).toEqual({ ok: true });
    expect(store.recordResult('checkout', 'pass')).toEqual({ ok: true });
    store.recordResult('checkout', 'fail');
    expect(store.exercise('checkout')).toMatchObject({ passed: true, status: 'fail' });
    expect(store.exercise('checkout').passedAt).toBeTypeOf('number');
  });

  it('keeps drafts with their cursor under a versioned key', () => {
    const storage = memoryStorage();
    const store = new ProgressStore(storage);
    store.saveDraft('checkout', { code: 'let x = 1;', cursor: { line: 1, column: 5 }, savedAt: 10 });
    expect(storage.getItem(`${DRAFT_PREFIX}checkout`)).toContain('let x = 1;');
    expect(new ProgressStore(storage).draft('checkout')).toEqual({ code: 'let x = 1;', cursor: { line: 1, column: 5 }, savedAt: 10 });
  });

  it('reports a full quota instead of swallowing it', () => {
    const store = new ProgressStore(fullStorage());
    const result = store.saveDraft('checkout', { code: 'x', savedAt: 1 });
    expect(result).toEqual({ ok: false, error: expect.stringContaining('Browser storage is full') });
    expect(store.recordResult('checkout', 'pass')).toMatchObject({ ok: false });
  });

  it('exports and imports progress and drafts as a file', () => {
    const a = new ProgressStore(memoryStorage());
    a.recordResult('one', 'pass');
    a.saveDraft('two', { code: 'draft two', savedAt: 2 });
    const file = a.export();
    const b = new ProgressStore(memoryStorage());
    b.saveDraft('stale', { code: 'old', savedAt: 1 });
    expect(b.import(file)).toEqual({ ok: true });
    expect(b.exercise('one').passed).toBe(true);
    expect(b.draft('two')?.code).toBe('draft two');
    expect(b.draft('stale')).toBeUndefined();
  });

  it('rejects a file that is not a progress export and changes nothing', () => {
    const store = new ProgressStore(memoryStorage());
    store.recordResult('one', 'pass');
    expect(store.import('{ nope')).toMatchObject({ ok: false, error: expect.stringContaining('not valid JSON') });
    expect(store.import('{"format":"something-else"}')).toMatchObject({ ok: false, error: expect.stringContaining('format') });
    const wrongField = JSON.stringify({ format: 'otel-course-progress', version: 1, progress: { version: 1, exercises: { one: { status: 'great' } } } });
    expect(store.import(wrongField)).toEqual({ ok: false, error: 'This is not a progress file of this course: progress.exercises.one.status: must be pass, fail or error.' });
    expect(store.exercise('one').passed).toBe(true);
  });

  it('resets everything of this course and nothing else', () => {
    const storage = memoryStorage();
    storage.setItem('other-site-key', 'keep');
    const store = new ProgressStore(storage);
    store.recordResult('one', 'pass');
    store.saveDraft('one', { code: 'x', savedAt: 1 });
    expect(store.reset()).toEqual({ ok: true });
    expect(storage.getItem(PROGRESS_KEY)).toBeNull();
    expect(store.draft('one')).toBeUndefined();
    expect(storage.getItem('other-site-key')).toBe('keep');
  });

  it('reads corrupted progress as empty rather than failing', () => {
    const storage = memoryStorage();
    storage.setItem(PROGRESS_KEY, '{"version": 99}');
    expect(new ProgressStore(storage).read()).toEqual({ version: 1, exercises: {} });
  });
});
