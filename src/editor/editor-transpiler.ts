import type { Transpiler } from '../runtime/browser-transpiler.ts';
import type { TranspileResult } from '../runtime/transpile.ts';
import type { CodeEditor } from './code-editor.ts';

/**
 * The runtime's transpiler for a page with a code editor: the editor's own TypeScript (Monaco's
 * worker), so that the page usually downloads one compiler, not two. `warm()` starts loading
 * the editor. A Run that needs a compiler before the editor's answers (Monaco and its worker
 * take seconds to load, and a restored draft can be run at once) starts the separate transpiler
 * Worker (`fallback`) too, and takes whichever compiler is ready first (`warmNow`); both give the
 * same output. A Run on a page whose editor has not begun to load does not start Monaco: its
 * loading would take the CPU from the transpiler Worker the Run waits for. When Monaco cannot
 * load (the textarea stands in) or its worker fails, the transpiler Worker is used from then on.
 */
export class EditorTranspiler implements Transpiler {
  private readonly editor: Pick<CodeEditor, 'transpiler' | 'loadStarted'>;
  private readonly fallback: () => Transpiler;
  private fallbackTranspiler: Transpiler | undefined;
  /** The editor's compiler once it has answered. */
  private own: Transpiler | undefined;
  private ownLoading: Promise<Transpiler | undefined> | undefined;
  /** No editor compiler on this page (the textarea), or it failed: the transpiler Worker only. */
  private ownFailed = false;

  constructor(editor: Pick<CodeEditor, 'transpiler' | 'loadStarted'>, fallback: () => Transpiler) {
    this.editor = editor;
    this.fallback = fallback;
  }

  private useFallback(): Transpiler {
    return (this.fallbackTranspiler ??= this.fallback());
  }

  private giveUpOwn(error: unknown): void {
    console.warn('The editor’s TypeScript worker failed; Runs use the transpiler Worker from now on.', error);
    this.ownFailed = true;
    this.own = undefined;
  }

  /** The editor's compiler, loaded and answering; undefined when the page must do without it. */
  private loadOwn(): Promise<Transpiler | undefined> {
    this.ownLoading ??= (async () => {
      try {
        const own = await this.editor.transpiler();
        if (!own) {
          this.ownFailed = true;
          return undefined;
        }
        await own.warm();
        this.own = own;
        return own;
      } catch (error) {
        this.giveUpOwn(error);
        return undefined;
      }
    })();
    return this.ownLoading;
  }

  warm(): Promise<void> {
    return this.loadOwn().then((own) => (own ? undefined : this.useFallback().warm()));
  }

  /** Ready when either compiler is: the editor's, or the transpiler Worker started now for a Run that waits. */
  async warmNow(): Promise<void> {
    if (this.own || this.ownFailed) return this.warm();
    const fallback = this.useFallback();
    if (!this.ownLoading && !this.editor.loadStarted()) return fallback.warm();
    const own = this.loadOwn().then((loaded) => {
      if (!loaded) throw new Error('the editor has no compiler');
    });
    await Promise.any([own, fallback.warm()]).catch(() => fallback.warm());
  }

  async transpile(files: Record<string, string>): Promise<TranspileResult> {
    // A Worker started for an earlier Run answers until the editor's compiler is up.
    const own = this.own ?? (this.fallbackTranspiler || this.ownFailed ? undefined : await this.loadOwn());
    if (own) {
      try {
        return await own.transpile(files);
      } catch (error) {
        this.giveUpOwn(error);
      }
    }
    return this.useFallback().transpile(files);
  }
}
