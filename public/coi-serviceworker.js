/*
 * Cross-origin isolation for hosts that cannot send response headers (GitHub Pages).
 *
 * WebContainers need SharedArrayBuffer, which browsers only allow in a cross-origin isolated
 * page: one served with Cross-Origin-Opener-Policy: same-origin and
 * Cross-Origin-Embedder-Policy: require-corp. Netlify, Vercel and Cloudflare Pages send them
 * from the deploy configs. GitHub Pages cannot, so this service worker re-serves every response
 * of the course's own origin with the two headers added, and the browser then treats the page
 * (and its workers) as isolated. The idea is the one the coi-serviceworker project made known.
 *
 * coi-register.js registers it, only on builds made with COURSE_ISOLATION=service-worker and
 * COURSE_OFFLINE=off (otherwise the course's offline worker, src/offline/sw/, adds the headers),
 * and only when the page is not isolated already. The cost: the very first visit loads once
 * without isolation, then reloads itself once the worker is in control.
 */

self.addEventListener('install', () => {
  // Take over without waiting for old tabs to close: the page reloads right after this.
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  // Control the already open page, so that its reload goes through this worker.
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // Chrome rejects fetch() for this combination (DevTools asks for it); let the browser answer.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  // Other origins (the WebContainer's own frames) send their own headers: do not touch them.
  if (new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(fetch(request).then(withIsolationHeaders));
});

/** The same response with COOP and COEP set; an opaque or redirect response cannot be rebuilt. */
function withIsolationHeaders(response) {
  if (response.status === 0 || response.type === 'opaqueredirect') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
