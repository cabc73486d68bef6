/**
 * The parts of Monaco's TypeScript worker the course's worker builds on. Monaco ships no
 * declarations for them (they are internal modules); these describe what
 * `typescript.worker.ts` uses, as Monaco 0.57 has it.
 */
declare module 'monaco-editor/internal/common/initialize.js' {
  export function initialize(create: (context: unknown, createData: unknown) => object): void;
}
declare module 'monaco-editor/languages/features/typescript/tsWorker.js' {
  export class TypeScriptWorker {
    constructor(context: unknown, createData: unknown);
  }
}
declare module 'monaco-editor/languages/features/typescript/lib/typescriptServices.js' {
  export const typescript: unknown;
}
