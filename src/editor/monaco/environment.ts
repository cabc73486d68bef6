import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import TypeScriptWorker from './typescript.worker.ts?worker';
import { workerGate } from './worker-gate.ts';

declare global {
  interface Window {
    // Monaco takes a worker or a promise of one (`createWebWorker` resolves either).
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker | Promise<Worker> } | undefined;
  }
}

const typescriptGate = workerGate();

/** Lets Monaco start its TypeScript worker (it waits until then: `worker-gate.ts`). */
export const wantTypeScript = (): void => typescriptGate.open();

/**
 * Monaco's workers, bundled by Vite as same-origin module workers: the site is cross-origin
 * isolated (COEP require-corp), so a worker from a CDN or a blob bootstrap is not an option,
 * and these need nothing special. `typescript` is the course's own TypeScript worker (Monaco's,
 * plus the runtime's transpile), started once it is wanted; everything else is the editor's base worker.
 */
export function installMonacoEnvironment(): void {
  window.MonacoEnvironment = {
    getWorker: (_workerId, label) =>
      label === 'typescript' || label === 'javascript' ? typescriptGate.opened.then(() => new TypeScriptWorker()) : new EditorWorker(),
  };
}
