import { chromium, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../src/grading/chromium.ts';
import { repoRoot } from '../helpers/content.ts';

/**
 * GitHub Pages in miniature: a static host that sends no COOP/COEP headers, with the course
 * under /course/. The page includes public/coi-register.js the way a build with
 * COURSE_ISOLATION=service-worker does.
 */
const BASE = '/course/';

function siteWithRegistration(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'coi-site-'));
  const dir = path.join(root, BASE);
  fs.mkdirSync(dir, { recursive: true });
  for (const file of ['coi-register.js', 'coi-serviceworker.js']) fs.copyFileSync(path.join(repoRoot, 'public', file), path.join(dir, file));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head><title>coi</title>
<script async src="${BASE}coi-register.js" data-worker="${BASE}coi-serviceworker.js" data-scope="${BASE}"></script>
</head><body><p>course</p></body></html>`,
  );
  // A service worker that adds no headers stands for a browser that ignores them.
  const noop = path.join(dir, 'noop');
  fs.mkdirSync(noop);
  fs.writeFileSync(path.join(noop, 'noop-sw.js'), "self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));\nself.addEventListener('fetch', () => {});\n");
  fs.writeFileSync(
    path.join(noop, 'index.html'),
    `<!doctype html><html><head><title>noop</title>
<script async src="${BASE}coi-register.js" data-worker="${BASE}noop/noop-sw.js" data-scope="${BASE}noop/"></script>
</head><body><p>noop</p></body></html>`,
  );
  // A module Worker from the same origin, as the sandbox is: it must be isolated too.
  fs.writeFileSync(path.join(dir, 'probe-worker.js'), 'self.postMessage({ isolated: self.crossOriginIsolated, sab: typeof SharedArrayBuffer });\n');
  return root;
}

/** Serves files with a content type and nothing else, as GitHub Pages does for our purpose. */
async function serveWithoutHeaders(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
  const server = http.createServer((req, res) => {
    let file = path.join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file.startsWith(root) || !fs.existsSync(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Marks in each document when coi-register.js has acted on its registration (reloaded or
 * decided not to): its own callbacks on the register() promise run in the same microtask
 * checkpoint as ours, so a task queued from ours runs after them.
 */
function markRegistrationDecided(): void {
  const marked = window as unknown as { coiDecided?: boolean };
  const container = navigator.serviceWorker as ServiceWorkerContainer | undefined;
  if (!container) {
    marked.coiDecided = true;
    return;
  }
  const register = container.register.bind(container);
  container.register = (url, options) => {
    const registered = register(url, options);
    void registered.finally(() => setTimeout(() => (marked.coiDecided = true))).catch(() => undefined);
    return registered;
  };
}

const decided = (page: Page) => page.evaluate(() => (window as unknown as { coiDecided?: boolean }).coiDecided === true);

let browser: Browser;
let server: Awaited<ReturnType<typeof serveWithoutHeaders>>;

beforeAll(async () => {
  browser = await chromium.launch(chromiumLaunchOptions('headless-shell'));
  server = await serveWithoutHeaders(siteWithRegistration());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the cross-origin isolation service worker (hosts without headers)', () => {
  it('isolates the page after one reload on the first visit, and at once on the next', async () => {
    const direct = await fetch(`${server.url}${BASE}`);
    expect(direct.headers.get('cross-origin-opener-policy')).toBeNull();

    const context = await browser.newContext();
    const page = await context.newPage();
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(`${server.url}${BASE}`);
    await page.waitForFunction(() => window.crossOriginIsolated, undefined, { timeout: 15_000 });
    expect(loads).toBe(2);
    expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.scope))).toBe(`${server.url}${BASE}`);
    const worker = await page.evaluate(
      (url) =>
        new Promise((resolve) => {
          const w = new Worker(url, { type: 'module' });
          w.onmessage = (event) => resolve(event.data);
        }),
      `${BASE}probe-worker.js`,
    );
    expect(worker).toEqual({ isolated: true, sab: 'function' });

    // A second tab of the same visitor is controlled from its first load.
    const again = await context.newPage();
    let againLoads = 0;
    again.on('load', () => againLoads++);
    await again.goto(`${server.url}${BASE}`);
    expect(await again.evaluate(() => window.crossOriginIsolated)).toBe(true);
    expect(againLoads).toBe(1);
    await context.close();
  });

  it('reloads only once when the page stays unisolated, and not at all without service workers', async () => {
    const context = await browser.newContext();
    await context.addInitScript(markRegistrationDecided);
    const page = await context.newPage();
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(`${server.url}${BASE}noop/`);
    // The first load registers the worker and reloads once it controls the page; the second
    // load finds its reload already spent and stays.
    await expect.poll(() => loads, { timeout: 30_000 }).toBe(2);
    await expect.poll(() => decided(page), { timeout: 30_000 }).toBe(true);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(false);
    expect(loads).toBe(2);
    await context.close();

    const blocked = await browser.newContext({ serviceWorkers: 'block' });
    await blocked.addInitScript(markRegistrationDecided);
    const other = await blocked.newPage();
    let otherLoads = 0;
    other.on('load', () => otherLoads++);
    await other.goto(`${server.url}${BASE}`);
    await expect.poll(() => decided(other), { timeout: 30_000 }).toBe(true);
    expect(await other.evaluate(() => window.crossOriginIsolated)).toBe(false);
    expect(otherLoads).toBe(1);
    await blocked.close();
  });
});
