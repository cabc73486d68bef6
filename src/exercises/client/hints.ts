import type { ProgressStore } from '../../progress/store.ts';
import { hintView, nextHint } from './hint-state.ts';

/** Hint button and list: one more hint each press, remembered in progress. */
export function mountHints(list: HTMLOListElement, button: HTMLButtonElement, hintsHtml: string[], progress: ProgressStore, exerciseId: string): void {
  const total = hintsHtml.length;
  let view = hintView(progress.exercise(exerciseId).hintsShown, total);
  const render = () => {
    list.replaceChildren(
      ...hintsHtml.slice(0, view.shown).map((html, i) => {
        const item = document.createElement('li');
        item.innerHTML = `<strong>Hint ${i + 1} of ${total}.</strong> ${html}`;
        return item;
      }),
    );
    list.hidden = view.listHidden;
    button.disabled = view.buttonDisabled;
    // What shows is what assistive technology reads.
    button.textContent = view.buttonText;
  };
  render();
  button.addEventListener('click', () => {
    view = nextHint(view, total);
    progress.recordHints(exerciseId, view.shown);
    render();
    (list.lastElementChild as HTMLElement | null)?.scrollIntoView({ block: 'nearest' });
  });
}
