import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { offlineSupport } from '../../src/offline/integration.ts';

/** A built site in miniature: pages, hashed chunks, the compilers, the search index, host files. */
function miniSite(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-build-'));
  const files: Record<string, string> = {
    'index.html': '<!doctype html><title>home</title>',
    'lessons/one/index.html': '<!doctype html><title>one</title>',
    '_astro/page.Ab12Cd34.js': 'export {};',
    '_astro/BaseLayout.Ef56Gh78.css': 'body{}',
    '_astro/typescript.worker-DbTxc09T.js': '/* the editor TypeScript */',
    '_astro/ts.worker-CVbFdYz4.js': '/* Monaco TypeScript */',
    '_astro/transpiler-worker-D54YdFPE.js': '/* transpiler */',
    'pagefind/pagefind.js': '/* search */',
    'pagefind/index/en_1234.pf_index': 'x',
    'manifest.webmanifest': '{}',
    'coi-serviceworker.js': '/* host only */',
    _headers: '/*',
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const logged: string[] = [];
const logger = { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(`warn: ${m}`) };

async function build(dir: string, base: string): Promise<string> {
  const { hooks } = offlineSupport();
  await (hooks['astro:config:done'] as (o: unknown) => unknown)({ config: { base } });
  await (hooks['astro:build:done'] as (o: unknown) => Promise<void>)({ dir: pathToFileURL(`${dir}/`), logger });
  return fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
}

/** The precache manifest Workbox injected: [{ url, revision }]. */
function precached(worker: string): Array<{ url: string; revision: string | null }> {
  const match = /(\[\{"revision":.*?\}\])/.exec(worker) ?? /(\[\{"url":.*?\}\])/.exec(worker);
  if (!match) throw new Error('no precache manifest in sw.js');
  return JSON.parse(match[1]!) as Array<{ url: string; revision: string | null }>;
}

const saved = process.env.COURSE_OFFLINE;
afterEach(() => {
  if (saved === undefined) delete process.env.COURSE_OFFLINE;
  else process.env.COURSE_OFFLINE = saved;
});

describe('the offline service worker of a build', () => {
  it('precaches the site under the base path, leaves the compilers and host files out, and versions pages only', async () => {
    delete process.env.COURSE_OFFLINE;
    const worker = await build(miniSite(), '/course/');
    const entries = precached(worker);
    expect(entries.map((e) => e.url).sort()).toEqual([
      '/course/_astro/BaseLayout.Ef56Gh78.css',
      '/course/_astro/page.Ab12Cd34.js',
      '/course/index.html',
      '/course/lessons/one/index.html',
      '/course/manifest.webmanifest',
      '/course/pagefind/index/en_1234.pf_index',
      '/course/pagefind/pagefind.js',
    ]);
    // Hashed names need no revision; a page keeps its name from one deploy to the next.
    expect(entries.find((e) => e.url.endsWith('page.Ab12Cd34.js'))!.revision).toBeNull();
    expect(entries.find((e) => e.url.endsWith('lessons/one/index.html'))!.revision).toMatch(/^[0-9a-f]{32}$/);
    // The first-use cache is scoped to the base too.
    expect(worker).toContain('"/course/_astro/"');
    expect(worker).not.toContain('self.__WB_MANIFEST');
  });

  it('with COURSE_OFFLINE=off, writes a worker that removes an earlier one and its caches', async () => {
    process.env.COURSE_OFFLINE = 'off';
    const worker = await build(miniSite(), '/');
    expect(worker).toContain('caches.delete');
    expect(worker).toContain('registration.unregister()');
    expect(worker).not.toContain('precache');
  });
});
