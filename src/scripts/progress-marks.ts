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
    const done = passed === ids.length;
    const summary = `${passed} of ${ids.length} exercises passed`;
    // Lesson cards have room to say it in words; the sidebar says "1 of 2" and tells screen readers the rest.
    const inWords = mark.dataset.progressStyle === 'words';
    mark.dataset.state = done ? 'done' : passed > 0 ? 'started' : 'none';
    mark.textContent = passed === 0 ? '' : inWords ? `${done ? '✓ ' : ''}${summary}` : done ? '✓' : `${passed} of ${ids.length}`;
    mark.title = summary;
    if (inWords) continue;
    const label = mark.querySelector('.visually-hidden') ?? root.createElement('span');
    label.className = 'visually-hidden';
    label.textContent = ` (${summary})`;
    mark.append(label);
  }
}
