import { describe, expect, it } from 'vitest';
import { draftKey, draftStorage } from '../../src/progress/draft.ts';
import { CourseStorage, describeStorageError, memoryStorage, storageKey, type KeyValueStorage } from '../../src/progress/storage.ts';
import { ProgressStore } from '../../src/progress/store.ts';

const quotaError = () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });

function fullStorage(): KeyValueStorage {
  return {
    ...memoryStorage(),
    setItem: () => {
      throw quotaError();
    },
  };
}

const counter = storageKey('counter', (v) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined));

describe('course storage', () => {
  it('keeps typed values under course:v1: keys and removes them', () => {
    const raw = memoryStorage();
    const storage = new CourseStorage(raw);
    expect(storage.get(counter)).toBeUndefined();
    expect(storage.set(counter, 3)).toEqual({ ok: true });
    expect(raw.getItem('course:v1:counter')).toBe('3');
    expect(storage.get(counter)).toBe(3);
    expect(storage.remove(counter)).toEqual({ ok: true });
    expect(storage.get(counter)).toBeUndefined();
  });

  it('reads malformed or unparsable data as absent', () => {
    const raw = memoryStorage();
    const storage = new CourseStorage(raw);
    raw.setItem('course:v1:counter', '"three"');
    expect(storage.get(counter)).toBeUndefined();
    raw.setItem('course:v1:counter', '{not json');
    expect(storage.get(counter)).toBeUndefined();
  });

  it('reports a full quota in words that say what was lost and what to do', () => {
    const storage = new CourseStorage(fullStorage());
    const result = storage.set(counter, 1, 'draft');
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^Browser storage is full, so your draft was not saved\. Copy your code/) });
    expect(describeStorageError(quotaError(), 'progress')).toMatch(/your progress was not saved\. Export your progress/);
    expect(describeStorageError(new Error('disabled'), 'draft')).toBe('Your draft could not be saved (disabled). Copy your code somewhere safe.');
  });

  it('lists the names under a prefix, sorted, and nothing of other sites or courses', () => {
    const raw = memoryStorage();
    raw.setItem('course:v1:draft:b', '{}');
    raw.setItem('course:v1:draft:a', '{}');
    raw.setItem('course:v1:progress', '{}');
    raw.setItem('other:draft:c', '{}');
    expect(new CourseStorage(raw).names('draft:')).toEqual(['a', 'b']);
  });
});

describe('drafts: one model for the editor and the progress store', () => {
  it('the editor reads a draft saved under the key drafts have always used, and the progress store reads the editor\'s', () => {
    const raw = memoryStorage();
    // Written by an earlier version of the course, before drafts had one model.
    raw.setItem('course:v1:draft:checkout', JSON.stringify({ code: 'old work', cursor: { line: 2, column: 4 }, savedAt: 5 }));
    const editorDrafts = draftStorage('checkout', new CourseStorage(raw));
    expect(editorDrafts.key).toBe('course:v1:draft:checkout');
    expect(editorDrafts.read()).toEqual({ code: 'old work', cursor: { line: 2, column: 4 }, savedAt: 5 });
    expect(editorDrafts.write({ code: 'new work', savedAt: 6 })).toEqual({ ok: true });
    expect(new ProgressStore(raw).draft('checkout')).toEqual({ code: 'new work', savedAt: 6 });
    expect(draftKey('checkout').key).toBe(editorDrafts.key);
  });

  it('a draft save that hits the quota says so, from either side', () => {
    const storage = fullStorage();
    expect(draftStorage('checkout', new CourseStorage(storage)).write({ code: 'x', savedAt: 1 })).toMatchObject({ ok: false, error: expect.stringContaining('your draft was not saved') });
    expect(new ProgressStore(storage).saveDraft('checkout', { code: 'x', savedAt: 1 })).toMatchObject({ ok: false, error: expect.stringContaining('your draft was not saved') });
  });
});
