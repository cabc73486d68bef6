import type { AstroIntegration } from 'astro';
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { injectManifest } from 'workbox-build';
import { MAX_PRECACHED_FILE_BYTES, PRECACHE_IGNORES, VERSIONED_BY_NAME } from './precache.ts';
import { isolationByServiceWorker, offlineEnabled, SERVICE_WORKER_FILE } from './settings.ts';

const SOURCE = fileURLToPath(new URL('./sw/service-worker.ts', import.meta.url));

/**
 * Served at sw.js when offline support is off: a browser that installed the worker from an
 * earlier deploy finds this one at its next update check, and it removes itself and its caches.
 */
const RETIRING_WORKER = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil((async () => {
  for (const key of await caches.keys()) await caches.delete(key);
  await self.registration.unregister();
})()));
`;

async function bundleWorker(base: string, isolate: boolean): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [SOURCE],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    write: false,
    define: {
      COURSE_SW_BASE: JSON.stringify(base),
      COURSE_SW_ISOLATE: JSON.stringify(isolate),
      // Workbox's development logging is dropped on this.
      'process.env.NODE_ENV': '"production"',
    },
  });
  return result.outputFiles[0]!.text;
}

/**
 * Writes the service worker into the built site once every other file is there (this
 * integration comes after the search index's): the worker bundled from sw/service-worker.ts,
 * with Workbox's precache manifest of the build injected. `astro dev` writes nothing, and the
 * page registers no worker there (./register.ts).
 */
export function offlineSupport(): AstroIntegration {
  let base = '/';
  return {
    name: 'course-offline',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const swDest = path.join(outDir, SERVICE_WORKER_FILE);
        if (!offlineEnabled()) {
          fs.writeFileSync(swDest, RETIRING_WORKER);
          logger.info('offline support is off (COURSE_OFFLINE=off): sw.js only retires an earlier worker');
          return;
        }
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'course-sw-'));
        try {
          const swSrc = path.join(tmp, SERVICE_WORKER_FILE);
          fs.writeFileSync(swSrc, await bundleWorker(base, isolationByServiceWorker()));
          const { count, size, warnings } = await injectManifest({
            swSrc,
            swDest,
            globDirectory: outDir,
            globPatterns: ['**/*'],
            globIgnores: PRECACHE_IGNORES,
            maximumFileSizeToCacheInBytes: MAX_PRECACHED_FILE_BYTES,
            modifyURLPrefix: { '': base },
            dontCacheBustURLsMatching: VERSIONED_BY_NAME,
          });
          for (const warning of warnings) logger.warn(warning);
          logger.info(`service worker precaches ${count} files (${(size / 1024 / 1024).toFixed(1)} MB)`);
        } finally {
          fs.rmSync(tmp, { recursive: true, force: true });
        }
      },
    },
  };
}
