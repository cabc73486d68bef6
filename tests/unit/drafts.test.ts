import { describe, expect, it, vi } from 'vitest';
import { DraftAutosave } from '../../src/editor/drafts.ts';
import { draftStorage, parseStoredDraft, type Draft } from '../../src/progress/draft.ts';
import { CourseStorage, KEY_PREFIX, memoryStorage, type KeyValueStorage } from '../../src/progress/storage.ts';
import { cursorAt, offsetOf } from '../../src/editor/textarea-backend.ts';

/** One localStorage shared by "tabs", with manual timers and clock. */
function world() {
  const data = new Map<string, string>();
  const storage: KeyValueStorage = {
    ...memoryStorage(),
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
  let now = 1_000;
  const timers = new Map<number, () => void>();
  let nextTimer = 1;
  const tab = (options: { onConflict?: (theirs: Draft) => void; onError?: (m: string) => void; store?: typeof storage } = {}) =>
    new DraftAutosave(draftStorage('checkout', () => new CourseStorage(options.store ?? storage)), {
      delayMs: 500,
      onConflict: options.onConflict ?? (() => undefined),
      onError: options.onError,
      now: () => now,
      setTimer: (fn) => {
        timers.set(nextTimer, fn);
        return nextTimer++;
      },
      clearTimer: (t) => timers.delete(t as number),
    });
  return {
    data,
    storage,
    tab,
    /** Fires the timers that are due (all of them: every delay here is the same). */
    tick() {
      now += 600;
      const due = [...timers.values()];
      timers.clear();
      due.forEach((fn) => fn());
    },
    stored: () => parseStoredDraft(data.get(`${KEY_PREFIX}draft:checkout`) ?? null),
    raw: () => data.get(`${KEY_PREFIX}draft:checkout`) ?? null,
  };
}

describe('draft autosave', () => {
  it('saves the code and cursor once the learner stops typing, under the versioned key', () => {
    const w = world();
    const tab = w.tab();
    expect(tab.restore()).toBeUndefined();
    tab.update('let a', { line: 1, column: 6 });
    tab.update('let ab', { line: 1, column: 7 });
    expect(w.raw()).toBeNull();
    expect(tab.pending).toBe(true);
    w.tick();
    expect(w.stored()).toEqual({ code: 'let ab', cursor: { line: 1, column: 7 }, savedAt: 1_600 });
    expect([...w.data.keys()]).toEqual(['course:v1:draft:checkout']);
  });

  it('restores the draft and cursor a reload finds, and does not save them again unchanged', () => {
    const w = world();
    const first = w.tab();
    first.restore();
    first.update('const x = 1;', { line: 1, column: 4 });
    first.flush();
    const reloaded = w.tab();
    expect(reloaded.restore()).toEqual({ code: 'const x = 1;', cursor: { line: 1, column: 4 }, savedAt: 1_000 });
    reloaded.update('const x = 1;', { line: 1, column: 4 });
    expect(reloaded.pending).toBe(false);
  });

  it('flush saves what waits at once (the page is being hidden)', () => {
    const w = world();
    const tab = w.tab();
    tab.restore();
    tab.update('unsaved');
    tab.flush();
    expect(w.stored()?.code).toBe('unsaved');
    expect(tab.pending).toBe(false);
  });

  it('another tab’s different code stops saving here until the learner chooses', () => {
    const w = world();
    const onConflict = vi.fn();
    const here = w.tab({ onConflict });
    here.restore();
    here.update('mine', { line: 1, column: 5 });
    // The other tab writes first, and the storage event arrives before our save.
    const there = w.tab();
    there.restore();
    there.update('theirs');
    there.flush();
    here.receive(w.raw());
    expect(onConflict).toHaveBeenCalledWith(expect.objectContaining({ code: 'theirs' }));
    expect(here.inConflict).toBe(true);
    expect(here.pending).toBe(false);
    // Typing on does not save over theirs.
    here.update('mine, more');
    w.tick();
    here.flush();
    expect(w.stored()?.code).toBe('theirs');

    here.keepMine();
    expect(here.inConflict).toBe(false);
    expect(w.stored()?.code).toBe('mine, more');
  });

  it('takes the other tab’s draft when the learner chooses it, and saves nothing of its own', () => {
    const w = world();
    const here = w.tab();
    here.restore();
    here.update('mine');
    const there = w.tab();
    there.restore();
    there.update('theirs', { line: 2, column: 1 });
    there.flush();
    here.receive(w.raw());
    expect(here.takeTheirs()).toMatchObject({ code: 'theirs', cursor: { line: 2, column: 1 } });
    // The editor now shows theirs; that change is no edit of ours to save.
    here.update('theirs', { line: 2, column: 1 });
    expect(here.pending).toBe(false);
    here.update('theirs, then mine');
    w.tick();
    expect(w.stored()?.code).toBe('theirs, then mine');
  });

  it('finds a write it was not told about just before saving, and does not overwrite it', () => {
    const w = world();
    const onConflict = vi.fn();
    const here = w.tab({ onConflict });
    here.restore();
    here.update('mine');
    // Another tab wrote, and this tab missed the event (a tab in the background, a late event).
    w.storage.setItem(`${KEY_PREFIX}draft:checkout`, JSON.stringify({ code: 'theirs', savedAt: 5 }));
    w.tick();
    expect(w.stored()?.code).toBe('theirs');
    expect(onConflict).toHaveBeenCalledWith({ code: 'theirs', savedAt: 5 });
  });

  it('an event with the same code (a cursor move elsewhere) or a removal is no conflict', () => {
    const w = world();
    const onConflict = vi.fn();
    const here = w.tab({ onConflict });
    here.restore();
    here.update('same');
    here.flush();
    const moved = JSON.stringify({ code: 'same', cursor: { line: 1, column: 2 }, savedAt: 9_999 });
    w.storage.setItem(`${KEY_PREFIX}draft:checkout`, moved);
    here.receive(moved);
    // Progress reset in another tab.
    w.data.clear();
    here.receive(null);
    expect(onConflict).not.toHaveBeenCalled();
    here.update('same, edited');
    w.tick();
    expect(w.stored()?.code).toBe('same, edited');
  });

  it('reports a failed save (full quota) instead of swallowing it', () => {
    const w = world();
    const onError = vi.fn();
    const full: KeyValueStorage = {
      ...memoryStorage(),
      getItem: () => null,
      setItem: () => {
        throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
      },
    };
    const tab = w.tab({ onError, store: full });
    tab.restore();
    tab.update('x');
    w.tick();
    expect(onError).toHaveBeenCalledWith(expect.stringContaining('Browser storage is full'));
  });

  it('reads drafts the progress store wrote, and ignores what is not a draft', () => {
    expect(parseStoredDraft('{"code":"a","cursor":{"line":2,"column":3},"savedAt":1}')).toEqual({ code: 'a', cursor: { line: 2, column: 3 }, savedAt: 1 });
    expect(parseStoredDraft('{"code":"a","cursor":{"line":0,"column":3},"savedAt":1}')).toEqual({ code: 'a', savedAt: 1 });
    expect(parseStoredDraft('plain text of an old draft')).toBeUndefined();
    expect(parseStoredDraft('{"code":1,"savedAt":1}')).toBeUndefined();
    expect(parseStoredDraft(null)).toBeUndefined();
  });
});

describe('textarea cursor arithmetic', () => {
  it('converts between offsets and 1-based lines and columns', () => {
    const text = 'ab\ncde\n\nf';
    expect(cursorAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(cursorAt(text, 4)).toEqual({ line: 2, column: 2 });
    expect(cursorAt(text, 7)).toEqual({ line: 3, column: 1 });
    for (const offset of [0, 2, 3, 6, 7, 8, 9]) expect(offsetOf(text, cursorAt(text, offset))).toBe(offset);
    expect(offsetOf(text, { line: 9, column: 9 })).toBe(text.length);
    expect(offsetOf(text, { line: 2, column: 99 })).toBe(6);
  });
});
