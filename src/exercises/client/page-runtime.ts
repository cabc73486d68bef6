import type { CodeEditor } from '../../editor/code-editor.ts';
import type { RuntimeManager } from '../../runtime/runtime-manager.ts';
import { RunSession } from '../../runtime/run-session.ts';

let manager: Promise<RuntimeManager> | undefined;

/**
 * The page's runtimes load after the page, so that reading a lesson costs little JavaScript;
 * they start as soon as the browser is idle, so that the first Run rarely waits. The first
 * exercise's editor lends them its compiler.
 */
export function pageRuntimeManager(editor?: CodeEditor): Promise<RuntimeManager> {
  manager ??= Promise.all([import('../../runtime/runtime-manager.ts'), import('../../editor/editor-transpiler.ts'), import('../../runtime/browser-transpiler.ts')]).then(
    ([{ createPageRuntimeManager }, { EditorTranspiler }, { WorkerTranspiler }]) => {
      // One compiler per page: the editor's TypeScript worker, or the transpiler Worker without it.
      const created = createPageRuntimeManager(editor ? new EditorTranspiler(editor, () => new WorkerTranspiler()) : new WorkerTranspiler());
      created.start();
      return created;
    },
  );
  return manager;
}

/** A run session on the page's runtimes, one per exercise (each keeps its own Run in flight). */
export function exerciseRunSession(editor: CodeEditor): RunSession {
  return new RunSession(() => pageRuntimeManager(editor));
}

/** The runtime line and choice of an exercise: listening at once, showing the status once the runtimes load. */
export function bindRuntimeChoice(status: HTMLElement, choice: HTMLSelectElement, editor: CodeEditor): void {
  // A choice made before the runtimes have loaded still counts.
  choice.addEventListener('change', () => {
    const chosen = choice.value === 'worker' ? 'worker' : 'webcontainer';
    void pageRuntimeManager(editor).then((runtime) => runtime.choose(chosen));
  });
  const whenIdle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
  whenIdle(
    () =>
      void pageRuntimeManager(editor).then((runtime) => {
        runtime.onStatus((current) => {
          status.textContent = current.text;
          choice.value = current.choice;
          // Where WebContainers cannot run at all, offering them would only disappoint.
          choice.hidden = current.webcontainer === 'off' || current.webcontainer === 'unavailable';
        });
      }),
  );
}
