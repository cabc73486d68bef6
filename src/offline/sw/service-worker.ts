/*
 * The course's one service worker (built by ../integration.ts with esbuild, then given its
 * precache manifest by Workbox's injectManifest).
 *
 * Offline: every file of the build is precached at install, except the TypeScript language
 * service (the editor's diagnostics, ~14 MB), which is cached the first time an exercise page
 * loads it. The whole site is one version: pages and their hashed chunks come from the same
 * precache, and a new version waits until the learner reloads into it (never during a Run;
 * the page decides, see ../register.ts), so a page never mixes chunks of two builds.
 *
 * Cross-origin isolation: responses served from the precache keep the headers the host sent
 * when they were cached. A build for a host that sends none (COURSE_ISOLATION=service-worker,
 * GitHub Pages) adds COOP, COEP and CORP to every response of the course's own origin instead,
 * the job public/coi-serviceworker.js does when offline support is turned off.
 */
import { clientsClaim, type WorkboxPlugin } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { addPlugins, cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkOnly } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };
/** Set by the build: add the isolation headers (a host that cannot send them). */
declare const COURSE_SW_ISOLATE: boolean;
/** Set by the build: the site's base path, e.g. "/" or "/course/". */
declare const COURSE_SW_BASE: string;

const isolationHeaders: WorkboxPlugin = {
  handlerWillRespond: async ({ response }) => withIsolationHeaders(response),
};

/** The same response with COOP, COEP and CORP set; an opaque or redirect response cannot be rebuilt. */
function withIsolationHeaders(response: Response): Response {
  if (response.status === 0 || response.type === 'opaqueredirect') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

const plugins = COURSE_SW_ISOLATE ? [isolationHeaders] : [];
const ownOrigin = (url: URL) => url.origin === self.location.origin;

// The first install takes the open page at once (there is no older version to protect), so the
// visit that installed it already works offline; later versions wait for SKIP_WAITING.
clientsClaim();
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

cleanupOutdatedCaches();
if (plugins.length > 0) addPlugins(plugins);
// Pages are precached as lessons/x/index.html and asked for as lessons/x/ (directoryIndex).
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });

// Hashed build output left out of the precache: cached on first use, never changes under its name.
registerRoute(
  ({ url }) => ownOrigin(url) && url.pathname.startsWith(`${COURSE_SW_BASE}_astro/`),
  new CacheFirst({
    cacheName: 'course-on-first-use',
    // Each version of the course names its language service anew: keep the latest few.
    plugins: [new ExpirationPlugin({ maxEntries: 6 }), ...plugins],
  }),
);

if (COURSE_SW_ISOLATE) {
  // Everything else of the course's origin, from the network, isolated too.
  registerRoute(
    ({ url, request }) => ownOrigin(url) && !(request.cache === 'only-if-cached' && request.mode !== 'same-origin'),
    new NetworkOnly({ plugins }),
  );
}
