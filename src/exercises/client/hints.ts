import type { ProgressStore } from '../../progress/store.ts';

/** Hint button and list: one more hint each press, remembered in progress. */
export function mountHints(list: HTMLOListElement, button: HTMLButtonElement, hintsHtml: string[], progress: ProgressStore, exerciseId: string): void {
  let shown = Math.min(progress.exercise(exerciseId).hintsShown, hintsHtml.length);
  const show = () => {
    list.replaceChildren(
      ...hintsHtml.slice(0, shown).map((html, i) => {
        const item = document.createElement('li');
        item.innerHTML = `<strong>Hint ${i + 1} of ${hintsHtml.length}.</strong> ${html}`;
        return item;
      }),
    );
    list.hidden = shown === 0;
    button.disabled = shown >= hintsHtml.length;
    button.textContent = shown === 0 ? 'Hint' : shown < hintsHtml.length ? 'Next hint' : 'No more hints';
    // The accessible name stays "Hint" as the UI contract wants; the visible text adds context.
    button.setAttribute('aria-label', 'Hint');
  };
  show();
  button.addEventListener('click', () => {
    shown = Math.min(shown + 1, hintsHtml.length);
    progress.recordHints(exerciseId, shown);
    show();
    (list.lastElementChild as HTMLElement | null)?.scrollIntoView({ block: 'nearest' });
  });
}
