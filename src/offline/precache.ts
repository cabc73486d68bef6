/**
 * What the service worker precaches, as injectManifest options: every file of the build
 * (pages, chunks, styles, fonts, the search index, the manifest and icons) except
 * - the TypeScript compilers (7 MB each): the editor's TypeScript worker, which compiles an
 *   edited Run and checks types, and the stand-alone transpiler used where Monaco cannot load.
 *   An unedited Run needs neither (it runs precompiled code), so they are cached the first time a
 *   page fetches them instead, which an exercise page does once its editor has started (the
 *   editor's worker starts later, when the learner comes to it: `offline-compiler.ts`); Monaco's
 *   own ts.worker is never loaded (the course gives Monaco its own TypeScript worker);
 * - files that belong to the host or to the worker itself.
 */
export const PRECACHE_IGNORES = [
  '_astro/ts.worker-*.js',
  '_astro/typescript.worker-*.js',
  '_astro/transpiler-worker-*.js',
  'sw.js',
  'coi-register.js',
  'coi-serviceworker.js',
  '_headers',
  '**/*.map',
];

/** Monaco's editor (2.7 MB) is the largest file precached; anything larger is a mistake to see. */
export const MAX_PRECACHED_FILE_BYTES = 4 * 1024 * 1024;

/** Hashed file names change with their content: no revision needed. */
export const VERSIONED_BY_NAME = /\/_astro\//;
