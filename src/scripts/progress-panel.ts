import { browserStorage, ProgressStore } from '../progress/store.ts';
import { showProgressMarks } from './progress-marks.ts';

/** Export, import and reset of the learner's progress, and the "continue" link, on the home page. */
export function mountProgressPanel(root: Document): void {
  const status = root.querySelector<HTMLElement>('[data-progress-status]')!;
  const { storage, error } = browserStorage();
  if (!storage) {
    status.textContent = error ?? 'Browser storage is not available.';
    return;
  }
  const store = new ProgressStore(storage);
  const refresh = () => showProgressMarks(root);

  // With progress, the main button leads back to the lesson the learner was reading.
  const resume = root.querySelector<HTMLAnchorElement>('[data-continue]');
  const last = store.read().lastLesson;
  const lessons = JSON.parse(resume?.dataset.lessons ?? '{}') as Record<string, { url: string; title: string }>;
  const lesson = last ? lessons[last] : undefined;
  if (resume && lesson) {
    resume.href = lesson.url;
    resume.textContent = `Continue: ${lesson.title}`;
  }

  root.querySelector('[data-progress-export]')!.addEventListener('click', () => {
    const blob = new Blob([store.export()], { type: 'application/json' });
    const link = root.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `otel-course-progress-${new Date().toISOString().slice(0, 10)}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
    status.textContent = 'Your progress was exported.';
  });
  const picker = root.querySelector<HTMLInputElement>('[data-progress-import]')!;
  root.querySelector('[data-progress-import-button]')!.addEventListener('click', () => picker.click());
  picker.addEventListener('change', async (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    const result = store.import(await file.text());
    status.textContent = result.ok ? `Progress imported from ${file.name}.` : result.error;
    refresh();
  });
  root.querySelector('[data-progress-reset]')!.addEventListener('click', () => {
    if (!window.confirm('Forget every draft and passed exercise of this course in this browser? Export first to keep a copy.')) return;
    const result = store.reset();
    status.textContent = result.ok ? 'Your progress was reset.' : result.error;
    refresh();
  });
}
