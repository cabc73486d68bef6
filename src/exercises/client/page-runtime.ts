import type { CodeEditor } from '../../editor/code-editor.ts';
import type { PageRuntimeSettings, RuntimeManager, RuntimeStatus } from '../../runtime/runtime-manager.ts';
import { RunSession } from '../../runtime/run-session.ts';
import { whenIdle } from '../../scripts/when-idle.ts';

let manager: Promise<RuntimeManager> | undefined;

/** The course's WebContainer settings, which the layout writes on the root element. */
function pageRuntimeSettings(): PageRuntimeSettings {
  const { webcontainerBoot, webcontainerKey } = document.documentElement.dataset;
  return { bootWhen: webcontainerBoot === 'background' ? 'background' : 'on-first-run', apiKey: webcontainerKey || undefined };
}

/**
 * The page's runtimes load after the page, so that reading a lesson costs little JavaScript;
 * they start as soon as the browser is idle, so that the first Run rarely waits. The first
 * exercise's editor lends them its compiler.
 */
export function pageRuntimeManager(editor?: CodeEditor): Promise<RuntimeManager> {
  manager ??= Promise.all([
    import('../../runtime/runtime-manager.ts'),
    import('../../editor/editor-transpiler.ts'),
    import('../../runtime/browser-transpiler.ts'),
    import('../../runtime/precompiled.ts'),
  ]).then(
    ([{ createPageRuntimeManager }, { EditorTranspiler }, { WorkerTranspiler }, { PrecompiledTranspiler, pagePrecompiledTable }]) => {
      // One compiler per page: the editor's TypeScript worker, or the transpiler Worker without it;
      // unedited code was compiled when the site was built and needs neither.
      const compiler = editor ? new EditorTranspiler(editor, () => new WorkerTranspiler()) : new WorkerTranspiler();
      const transpiler = new PrecompiledTranspiler(compiler, () => pagePrecompiledTable());
      const created = createPageRuntimeManager(transpiler, pageRuntimeSettings());
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

const NODE_LABEL = 'Node.js (WebContainer)';

/** The Node option's label: it says when Node is not what runs, so the menu never contradicts the status. */
function nodeLabel(status: RuntimeStatus): string {
  if (status.runtime === 'webcontainer' || status.choice === 'worker') return NODE_LABEL;
  if (status.webcontainer === 'starting') return `${NODE_LABEL}: starting…`;
  if (status.webcontainer === 'on-request') return `${NODE_LABEL}: press Start Node`;
  if (status.webcontainer === 'failed') return `${NODE_LABEL}: could not start`;
  return `${NODE_LABEL}: starts on Run`;
}

/**
 * The runtime line, choice and Start Node button of an exercise: listening at once, showing the
 * status once the runtimes load. The menu shows the runtime Runs go to.
 */
export function bindRuntimeChoice(status: HTMLElement, choice: HTMLSelectElement, start: HTMLButtonElement, editor: CodeEditor): void {
  // A choice made before the runtimes have loaded still counts.
  choice.addEventListener('change', () => {
    const chosen = choice.value === 'worker' ? 'worker' : 'webcontainer';
    // Picking Node in the menu asks for it: it boots now, also where it boots only on request.
    void pageRuntimeManager(editor).then((runtime) => runtime.choose(chosen, { boot: true }));
  });
  start.addEventListener('click', () => void pageRuntimeManager(editor).then((runtime) => runtime.startNode()));
  const node = choice.querySelector<HTMLOptionElement>('option[value="webcontainer"]');
  whenIdle(
    () =>
      void pageRuntimeManager(editor).then((runtime) => {
        runtime.onStatus((current) => {
          status.textContent = current.text;
          if (node) node.textContent = nodeLabel(current);
          // The runtime Runs go to; the Node option's label says why that is not Node.
          choice.value = current.runtime;
          // Where WebContainers cannot run at all, offering them would only disappoint.
          choice.hidden = ['off', 'unavailable', 'unsupported'].includes(current.webcontainer);
          start.hidden = current.webcontainer !== 'on-request';
        });
      }),
    { fallbackMs: 200 },
  );
}
