/// <reference lib="webworker" />
/**
 * Monaco's TypeScript worker with one method more, `transpileFiles`: the runtime's own transpile
 * (`src/runtime/transpile.ts`: TypeScript 5.9 `transpileModule`, ES2016, CommonJS, source maps)
 * run by the TypeScript that Monaco already loaded (also 5.9). Once the editor is up, a Run needs
 * no second compiler, and its output is the runtime's byte for byte (`getEmitOutput` is not: it
 * compiles with the editor's options, and needs a model per file).
 */
import { initialize } from 'monaco-editor/internal/common/initialize.js';
import { typescript } from 'monaco-editor/languages/features/typescript/lib/typescriptServices.js';
import { TypeScriptWorker } from 'monaco-editor/languages/features/typescript/tsWorker.js';
import type * as TS from 'typescript-classic';
import { transpileFiles, type TranspileResult } from '../../runtime/transpile.ts';

class CourseTypeScriptWorker extends TypeScriptWorker {
  transpileFiles(files: Record<string, string>): TranspileResult {
    return transpileFiles(typescript as typeof TS, files);
  }
}

// As Monaco's own ts.worker.js: the first message starts the worker, the second brings its options.
self.onmessage = () => {
  initialize((context, createData) => new CourseTypeScriptWorker(context, createData));
};
