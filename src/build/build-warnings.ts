import type { Plugin } from 'vite';

/**
 * The code editor and the in-browser compiler are large by nature and load only when a learner
 * opens an editor: Monaco, TypeScript (in its language-service and transpiler workers) and the
 * OpenTelemetry declaration files the editor knows. A chunk of any other code over the budget
 * still gets a warning.
 */
const LARGE_BY_DESIGN = [/node_modules\/monaco-editor\//, /node_modules\/typescript(?:-classic)?\//, /src\/editor\/generated\//];

/** Vite's own budget for a minified chunk. */
export const CHUNK_BUDGET_BYTES = 500 * 1024;

/** Above every chunk that is large by design, so that Vite's blanket warning stays quiet for them. */
export const VITE_CHUNK_WARNING_LIMIT_KB = 8 * 1024;

const isLargeByDesign = (moduleIds: readonly string[]): boolean =>
  moduleIds.some((id) => LARGE_BY_DESIGN.some((pattern) => pattern.test(id.replaceAll('\\', '/'))));

/**
 * Keeps the build output to warnings an instructor can act on:
 * - Astro marks compiled MDX with a `"use astro:head-inject"` directive that it reads before
 *   bundling; the bundler then warns, once per lesson, that it may not preserve it.
 * - The chunk-size warning is raised here for chunks other than the editor's and compiler's.
 */
export function buildWarnings(): Plugin {
  return {
    name: 'course-build-warnings',
    onLog(_level, log) {
      if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use astro:head-inject"')) return false;
      return undefined;
    },
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk' || isLargeByDesign(output.moduleIds)) continue;
        const bytes = Buffer.byteLength(output.code);
        if (bytes > CHUNK_BUDGET_BYTES) {
          this.warn(`${output.fileName} is ${Math.round(bytes / 1024)} kB after minification (budget ${CHUNK_BUDGET_BYTES / 1024} kB): split it with a dynamic import()`);
        }
      }
    },
  };
}
