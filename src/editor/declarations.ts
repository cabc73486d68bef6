/**
 * Build time, Node only (`scripts/build-editor-types.ts` and tests): finds every declaration
 * file TypeScript reads to type-check an import of the given packages, as the editor resolves
 * them, and lays them out as a virtual `node_modules` for Monaco's TypeScript worker.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript-classic';
import { editorCompilerOptions } from './compiler-options.ts';

/** Where the virtual file system of the editor's TypeScript service starts. */
export const VIRTUAL_ROOT = 'file:///';

const toPosix = (p: string) => p.split(path.sep).join('/');

/** `.../node_modules/@scope/name/...` -> the package folder `.../node_modules/@scope/name`. */
function packageFolder(file: string): string | undefined {
  const at = file.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const rest = file.slice(at + '/node_modules/'.length).split('/');
  const depth = rest[0]!.startsWith('@') ? 2 : 1;
  return file.slice(0, at + '/node_modules/'.length) + rest.slice(0, depth).join('/');
}

/** The specifier that names a declaration file the way a module import does. */
function asImport(declaration: string): string {
  return declaration.replace(/\.d\.cts$/, '.cjs').replace(/\.d\.mts$/, '.mjs').replace(/\.d\.ts$/, '');
}

/**
 * Declaration files by virtual path (`file:///node_modules/<package>/<file>`), plus an
 * `index.d.ts` at the root of each package that re-exports its types entry: the virtual file
 * system has no package.json (Monaco would treat one as a source file), and Node resolution
 * falls back to `index.d.ts`.
 */
export function collectDeclarations(projectRoot: string, packages: readonly string[]): Record<string, string> {
  const options: ts.CompilerOptions = {
    ...(editorCompilerOptions as unknown as ts.CompilerOptions),
    lib: ['lib.es2023.d.ts'],
    noEmit: true,
  };
  const probe = toPosix(path.join(projectRoot, '__editor_types_probe__.ts'));
  const probeText = packages.map((name) => `import * as _${packages.indexOf(name)} from '${name}';`).join('\n');
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (file, language, ...rest) =>
    file === probe ? ts.createSourceFile(file, probeText, language) : getSourceFile.call(host, file, language, ...rest);
  host.fileExists = (file) => file === probe || fileExists.call(host, file);
  host.readFile = (file) => (file === probe ? probeText : readFile.call(host, file));
  const program = ts.createProgram([probe], options, host);

  const unresolved = ts.getPreEmitDiagnostics(program, program.getSourceFile(probe)).filter((d) => d.code === 2307);
  if (unresolved.length) {
    throw new Error(`Cannot find the declarations of: ${unresolved.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}`);
  }

  const root = toPosix(projectRoot);
  const files: Record<string, string> = {};
  const folders = new Set<string>();
  for (const source of program.getSourceFiles()) {
    if (program.isSourceFileDefaultLibrary(source) || source.fileName === probe) continue;
    const folder = packageFolder(source.fileName);
    if (!folder) continue;
    folders.add(folder);
    const text = fs.readFileSync(source.fileName, 'utf8').replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n');
    files[VIRTUAL_ROOT + path.posix.relative(root, source.fileName)] = text;
  }

  for (const folder of folders) {
    const name = folder.slice(folder.lastIndexOf('/node_modules/') + '/node_modules/'.length);
    const from = `${folder.slice(0, folder.lastIndexOf('/node_modules/'))}/__probe__.ts`;
    const entry = ts.resolveModuleName(name, from, options, host).resolvedModule?.resolvedFileName;
    if (!entry) continue; // only reached through deep imports
    const index = `${VIRTUAL_ROOT}${path.posix.relative(root, folder)}/index.d.ts`;
    const relative = `./${path.posix.relative(folder, entry)}`;
    if (relative === './index.d.ts') continue;
    const entryText = fs.readFileSync(entry, 'utf8');
    if (/^export =/m.test(entryText)) throw new Error(`${name}: \`export =\` cannot be re-exported by the virtual index.d.ts`);
    const specifier = asImport(relative);
    files[index] = `export * from '${specifier}';\n${/^export default /m.test(entryText) ? `export { default } from '${specifier}';\n` : ''}`;
  }
  return files;
}
