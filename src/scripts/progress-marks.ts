import { browserStorage, ProgressStore } from '../progress/store.ts';

/**
 * Marks lessons whose exercises the learner passed, wherever a lesson is listed (sidebar, home
 * page), and remembers the lesson being read for "continue where you left off".
 */
export function showProgressMarks(root: Document): void {
  const { storage } = browserStorage();
  if (!storage) return;
  const store = new ProgressStore(storage);
  const current = root.querySelector<HTMLElement>('[data-current-lesson]')?.dataset.currentLesson;
  if (current) store.visitLesson(current);
  const { exercises } = store.read();
  for (const mark of root.querySelectorAll<HTMLElement>('[data-progress-for]')) {
    const ids = (mark.dataset.progressFor ?? '').split(' ').filter(Boolean);
    if (ids.length === 0) continue;
    const passed = ids.filter((id) => exercises[id]?.passed).length;
    mark.dataset.state = passed === ids.length ? 'done' : passed > 0 ? 'started' : 'none';
    mark.textContent = passed === ids.length ? '✓' : passed > 0 ? `${passed}/${ids.length}` : '';
    mark.title = `${passed} of ${ids.length} exercises passed`;
    const label = mark.querySelector('.visually-hidden') ?? root.createElement('span');
    label.className = 'visually-hidden';
    label.textContent = ` (${passed} of ${ids.length} exercises passed)`;
    mark.append(label);
  }
}
