/**
 * Compiler options of the editor's TypeScript service (type checking, completion, hover). The
 * Run does not use them: it transpiles with the runtime's `compilerOptions()` (ES2016, CommonJS,
 * source maps), in Monaco's worker as elsewhere. The module-related options below match the
 * runtime's, so that the editor flags exactly what the runtime cannot run; a unit test keeps
 * them equal. Numbers are TypeScript's enum values (Monaco's API takes numbers).
 */
export const editorCompilerOptions = {
  // As the runtime: CommonJS modules, each file compiled on its own.
  module: 1, // ModuleKind.CommonJS
  esModuleInterop: true,
  isolatedModules: true,
  verbatimModuleSyntax: false,
  // Every file is a module, as the runtime's CommonJS wrapper makes it, so that two files (or
  // two editors on one page) never clash over a top-level name.
  moduleDetection: 3, // ModuleDetectionKind.Force
  moduleResolution: 2, // ModuleResolutionKind.Node10: reads the virtual node_modules
  // Checking only: the emit target (ES2016) would flag modern syntax the engines run fine.
  target: 9, // ScriptTarget.ES2022
  // File names, as the compiler API (and Monaco's worker) takes them, not tsconfig's short names.
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  strict: true,
  noImplicitOverride: true,
  allowNonTsExtensions: true,
  skipLibCheck: true,
  types: [] as string[],
} as const;
