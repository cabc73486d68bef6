import type { CodeEditor } from '../../editor/code-editor.ts';

/** Show solution asks first; the learner's code stays one click away ("Restore my code"). */
export function mountSolutionButtons(show: HTMLElement, restore: HTMLButtonElement, editor: CodeEditor, solution: string): void {
  let beforeSolution: string | undefined;
  show.addEventListener('click', () => {
    if (!window.confirm('Replace your code with the reference solution? Your code is kept: "Restore my code" brings it back.')) return;
    beforeSolution = editor.getValue();
    editor.setValue(solution);
    restore.hidden = false;
  });
  restore.addEventListener('click', () => {
    if (beforeSolution !== undefined) editor.setValue(beforeSolution);
    restore.hidden = true;
  });
}
