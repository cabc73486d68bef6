import type * as TS from 'typescript-classic';
import type { CompiledFile, RunError } from '../../sandboxes/wire/protocol.ts';

/**
 * One transpile for every runtime, so a program behaves the same in the Worker, in a
 * WebContainer and in host Node. Async functions are lowered to generators (ES2016): zone.js,
 * the browser's context manager, cannot follow a native `await`, and lowered code keeps the
 * active span in Node's AsyncLocalStorage just as well. CommonJS lets the harness hand every
 * module its own `require`, which maps `@opentelemetry/api` to the sandbox's single copy.
 */
export function compilerOptions(ts: typeof TS): TS.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2016,
    module: ts.ModuleKind.CommonJS,
    esModuleInterop: true,
    sourceMap: true,
    inlineSources: false,
    removeComments: false,
    isolatedModules: true,
    // Learner code may import types alongside values; only values survive the emit.
    verbatimModuleSyntax: false,
  };
}

export interface TranspileResult {
  files: Record<string, CompiledFile>;
  errors: RunError[];
}

export function transpileFiles(ts: typeof TS, sources: Record<string, string>): TranspileResult {
  const files: Record<string, CompiledFile> = {};
  const errors: RunError[] = [];
  for (const [fileName, source] of Object.entries(sources)) {
    const output = ts.transpileModule(source, { compilerOptions: compilerOptions(ts), fileName, reportDiagnostics: true });
    for (const d of output.diagnostics ?? []) {
      if (d.category !== ts.DiagnosticCategory.Error) continue;
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      errors.push({
        kind: 'compile',
        name: 'SyntaxError',
        message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
        at: at ? { file: fileName, line: at.line + 1, column: at.character + 1 } : undefined,
      });
    }
    files[fileName] = {
      code: output.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'),
      map: output.sourceMapText,
    };
  }
  return { files, errors };
}
