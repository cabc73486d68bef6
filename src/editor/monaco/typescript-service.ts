import type { IDisposable } from 'monaco-editor/editor';
import { typescriptDefaults, type CompilerOptions } from 'monaco-editor/languages/features/typescript/register';
import { editorCompilerOptions } from '../compiler-options.ts';

let configured = false;

/**
 * Sets up Monaco's TypeScript service once per page, before the first model exists (a change of
 * options later would restart its worker): the editor's compiler options and the declaration
 * files of the packages learner code may import.
 */
export function configureTypeScript(declarations: Record<string, string>): void {
  if (configured) return;
  configured = true;
  typescriptDefaults.setCompilerOptions(editorCompilerOptions as unknown as CompilerOptions);
  typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false, noSuggestionDiagnostics: true });
  // Every open model reaches the worker, so that one file of an exercise can import another.
  typescriptDefaults.setEagerModelSync(true);
  typescriptDefaults.setExtraLibs(Object.entries(declarations).map(([filePath, content]) => ({ filePath, content })));
}

/** Declarations an exercise adds (its own helper types), at `file:///<directory>/<name>`. */
export function addLibraries(directory: string, libraries: Record<string, string>): IDisposable[] {
  return Object.entries(libraries).map(([name, content]) => typescriptDefaults.addExtraLib(content, `file:///${directory}/${name}`));
}
