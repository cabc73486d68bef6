import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TS from 'typescript-classic';
import { projectRoot } from '../course/paths.ts';
import { precompiledKey, type PrecompiledTable } from '../runtime/precompiled.ts';
import { transpileFiles, type TranspileResult } from '../runtime/transpile.ts';

let typescript: typeof TS | undefined;

/** The TypeScript the page compiles with, from the project, not from this module: the site's build runs it from a bundle elsewhere. */
const pageTypeScript = (): typeof TS => (typescript ??= createRequire(path.join(projectRoot, 'package.json'))('typescript-classic') as typeof TS);

/** A run's files compiled as the page's transpiler compiles them, errors included. */
export function compileAsThePage(files: Record<string, string>): TranspileResult {
  return transpileFiles(pageTypeScript(), files);
}

/**
 * Compiles learner-facing sources at build time with the page's own transpile (the same
 * TypeScript and options as the editor's worker and the transpiler Worker), keyed for the page's
 * `PrecompiledTranspiler`. A file that does not compile is left out: the page compiles it and
 * reports its errors as usual.
 */
export async function precompileSources(sources: Record<string, string>[]): Promise<PrecompiledTable> {
  const ts = pageTypeScript();
  const table: PrecompiledTable = {};
  for (const files of sources) {
    for (const [name, source] of Object.entries(files)) {
      const { files: compiled, errors } = transpileFiles(ts, { [name]: source });
      if (errors.length === 0 && compiled[name]) table[await precompiledKey(name, source)] = compiled[name];
    }
  }
  return table;
}

/** The table as the text of a `<script type="application/json">`: nothing in it can end the element. */
export const precompiledJson = (table: PrecompiledTable) => JSON.stringify(table).replace(/</g, '\\u003c');
