import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import TypeScriptWorker from './typescript.worker.ts?worker';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker } | undefined;
  }
}

/**
 * Monaco's workers, bundled by Vite as same-origin module workers: the site is cross-origin
 * isolated (COEP require-corp), so a worker from a CDN or a blob bootstrap is not an option,
 * and these need nothing special. `typescript` is the course's own TypeScript worker (Monaco's,
 * plus the runtime's transpile); everything else is the editor's base worker.
 */
export function installMonacoEnvironment(): void {
  window.MonacoEnvironment = {
    getWorker: (_workerId, label) => (label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker()),
  };
}
