/**
 * Loads the editing surface: Monaco with the OpenTelemetry declarations, or, when Monaco cannot
 * load, the plain textarea (with a notice that says so).
 */
import { afterCompilerHolds } from '../runtime/compiler-priority.ts';
import type { EditorNotice } from './editor-notice.ts';
import { mountTextarea } from './textarea-backend.ts';
import type { BackendOptions, EditorBackend } from './types.ts';

/** `options` is called as the surface mounts, so it gets the files' text as it is then. */
export async function loadBackend(options: () => BackendOptions, notice: EditorNotice): Promise<EditorBackend> {
  try {
    const [{ mountMonaco }, { declarationFiles }] = await Promise.all([
      import('./monaco/monaco-backend.ts'),
      // The declarations are their own chunk, fetched beside Monaco; without them the editor still works.
      import('./generated/editor-types.ts').catch(() => ({ declarationFiles: {} as Record<string, string> })),
    ]);
    // A Run waiting for the transpiler Worker goes first: mounting Monaco (and starting its
    // workers) takes the main thread and a core from it for about half a second.
    await afterCompilerHolds();
    return mountMonaco({ ...options(), declarations: declarationFiles });
  } catch (error) {
    console.warn('Monaco could not load; a plain textarea stands in.', error);
    const fallback = options();
    fallback.surface.querySelector('.code-editor__monaco')?.remove();
    const textarea = mountTextarea(fallback);
    notice.show('The full editor could not load, so this is a plain text box: you can still edit and run your code.', [], 'warn');
    return textarea;
  }
}
