import { getTypeScriptWorker } from 'monaco-editor/languages/features/typescript/register';
import { wantTypeScript } from './environment.ts';
import type { Transpiler } from '../../runtime/browser-transpiler.ts';
import type { TranspileResult } from '../../runtime/transpile.ts';

/** The method the course's TypeScript worker adds to Monaco's (`typescript.worker.ts`). */
interface CourseWorker {
  transpileFiles(files: Record<string, string>): Promise<TranspileResult>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The runtime's `Transpiler` on Monaco's TypeScript worker: the same `transpileFiles` the
 * transpiler Worker runs, with the compiler the editor has already loaded.
 */
export class MonacoTranspiler implements Transpiler {
  /** Monaco's current worker, asked each time: Monaco restarts it when its options change. */
  private async worker(): Promise<CourseWorker> {
    wantTypeScript();
    for (let attempt = 0; ; attempt++) {
      try {
        const get = await getTypeScriptWorker();
        return (await get()) as unknown as CourseWorker;
      } catch (error) {
        // "TypeScript not registered" until the first TypeScript model has set the service up.
        if (attempt >= 40) throw error;
        await pause(50);
      }
    }
  }

  async warm(): Promise<void> {
    await (await this.worker()).transpileFiles({});
  }

  async transpile(files: Record<string, string>): Promise<TranspileResult> {
    return (await this.worker()).transpileFiles(files);
  }
}
