import type { Transpiler } from '../runtime/browser-transpiler.ts';
import type { TranspileResult } from '../runtime/transpile.ts';
import type { CodeEditor } from './code-editor.ts';

/**
 * The runtime's transpiler for a page with a code editor: the editor's own TypeScript (Monaco's
 * worker), so that the page downloads one compiler, not two. A Run, or `warm()`, before the
 * editor has loaded starts loading it. Only when Monaco cannot load (the textarea stands in)
 * or its worker fails does the separate transpiler Worker (`fallback`) start, and stay.
 */
export class EditorTranspiler implements Transpiler {
  private readonly editor: Pick<CodeEditor, 'transpiler'>;
  private readonly fallback: () => Transpiler;
  private fallbackTranspiler: Transpiler | undefined;

  constructor(editor: Pick<CodeEditor, 'transpiler'>, fallback: () => Transpiler) {
    this.editor = editor;
    this.fallback = fallback;
  }

  private useFallback(): Transpiler {
    return (this.fallbackTranspiler ??= this.fallback());
  }

  private async use<T>(task: (transpiler: Transpiler) => Promise<T>): Promise<T> {
    if (this.fallbackTranspiler) return task(this.fallbackTranspiler);
    const own = await this.editor.transpiler();
    if (!own) return task(this.useFallback());
    try {
      return await task(own);
    } catch (error) {
      console.warn('The editor’s TypeScript worker failed; Runs use the transpiler Worker from now on.', error);
      return task(this.useFallback());
    }
  }

  warm(): Promise<void> {
    return this.use((transpiler) => transpiler.warm());
  }

  transpile(files: Record<string, string>): Promise<TranspileResult> {
    return this.use((transpiler) => transpiler.transpile(files));
  }
}
