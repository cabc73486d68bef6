// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { buildWarnings, VITE_CHUNK_WARNING_LIMIT_KB } from './src/build/build-warnings.ts';
import { courseContent } from './src/course/integration.ts';
import { courseMarkdown } from './src/course/markdown-config.ts';
import { resolveCoursePaths } from './src/course/paths.ts';
import { offlineSupport } from './src/offline/integration.ts';
import { searchIndex } from './src/search/integration.ts';

const course = resolveCoursePaths();
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
// Pages are rendered from bundled chunks that cannot locate the repository by their own path:
// hand them the absolute content folder through the environment.
process.env.COURSE_CONTENT_DIR = course.contentDir;

export default defineConfig({
  output: 'static',
  outDir: course.outDir,
  cacheDir: course.cacheDir,
  // A deployment under a sub-path (e.g. GitHub Pages) sets COURSE_BASE=/course/; `astro preview`
  // serves a build at the base it was built with (src/course/build-base.ts).
  base: process.env.COURSE_BASE ?? '/',
  trailingSlash: 'always',
  // offlineSupport() precaches the finished site, the search index included: it comes last.
  integrations: [courseContent(course), mdx(), searchIndex(), offlineSupport()],
  markdown: courseMarkdown,
  devToolbar: { enabled: false },
  // Cross-origin isolation, which WebContainers need (SharedArrayBuffer). Every asset of the
  // site is same-origin, so it all still loads under COEP. Deploy configs send the same
  // headers: public/_headers (Netlify, Cloudflare Pages) and vercel.json.
  server: { headers: isolationHeaders },
  vite: {
    // Exercise checks import the check library as '#checks', also from a content folder
    // outside this repository (package.json "imports" covers only files inside it).
    resolve: { alias: { '#checks': fileURLToPath(new URL('./src/checks/index.ts', import.meta.url)) } },
    // Module Workers (the sandbox and the TypeScript compiler) share chunks with the page.
    worker: { format: 'es', plugins: () => [buildWarnings()] },
    plugins: [buildWarnings()],
    // The chunk budget is enforced by buildWarnings(), which knows which chunks are large by design.
    build: { chunkSizeWarningLimit: VITE_CHUNK_WARNING_LIMIT_KB },
  },
});
