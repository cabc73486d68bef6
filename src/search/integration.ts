import type { AstroIntegration } from 'astro';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

/**
 * What the search covers: lesson pages and the glossary, nothing else (the home page, the
 * playground, the viewer and the full-screen exercise pages only repeat or have no prose).
 * Paths are relative to the output folder, so they hold under any base path.
 */
export const INDEXED_PAGES = '{lessons,glossary}/**/*.html';

/** Everything outside <main> (header, lesson list, page outline) is navigation, not content. */
const ROOT_SELECTOR = 'main';

/**
 * Parts of <main> that are widgets or repeat other pages. Components of this site mark
 * themselves with data-pagefind-ignore where they can; these are the ones rendered elsewhere.
 */
const EXCLUDED = [
  // Embedded exercises: editor, checks and output are a tool, not lesson text.
  '[data-exercise]',
  // "Lesson 4 of 7 · 20 min" would otherwise start every page's excerpt.
  '.lesson__eyebrow',
];

/**
 * Builds the Pagefind index of the static site once Astro has written it, into
 * `<outDir>/pagefind/`, so that `npm run build` alone produces a searchable site.
 * `astro dev` writes no pages, so there is no index there (the search dialog says so).
 */
export function searchIndex(): AstroIntegration {
  return {
    name: 'course-search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const outDir = fileURLToPath(dir);
        try {
          const { index, errors } = await pagefind.createIndex({ rootSelector: ROOT_SELECTOR, excludeSelectors: EXCLUDED });
          if (!index) throw new Error(errors.join('\n'));
          const added = await index.addDirectory({ path: outDir, glob: INDEXED_PAGES });
          if (added.errors.length > 0) throw new Error(added.errors.join('\n'));
          if (added.page_count === 0) throw new Error(`no page matched ${INDEXED_PAGES} in ${outDir}`);
          const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
          if (written.errors.length > 0) throw new Error(written.errors.join('\n'));
          logger.info(`indexed ${added.page_count} pages for search in ${Math.round(performance.now() - started)} ms`);
        } catch (error) {
          // A site without its index would ship a search box that finds nothing: fail the build.
          throw new Error(`Search index (Pagefind) failed: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
