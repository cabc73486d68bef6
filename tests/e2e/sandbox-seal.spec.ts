import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { openPlayground, runInWorker } from '../helpers/playground.ts';
import { source, traced } from '../helpers/programs.ts';

/**
 * Learner code is hostile here: each test is an attack a pasted program could make on the
 * sealed Worker sandbox (a Worker in a sandboxed, opaque-origin frame under a CSP), and what
 * must hold afterwards.
 */

/** Clicks the theme toggle until its state flips: the page's main thread still answers a click. */
async function buttonResponds(page: Page): Promise<void> {
  const toggle = page.locator('[data-theme-toggle]');
  const before = await toggle.getAttribute('aria-pressed');
  await toggle.click();
  await expect(toggle).not.toHaveAttribute('aria-pressed', before ?? 'false');
}

/** A loopback server that records every request that reaches it. */
async function listeningServer(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    response.setHeader('access-control-allow-origin', '*');
    response.setHeader('cross-origin-resource-policy', 'cross-origin');
    response.end('export default 1;');
  });
  server.on('upgrade', (request, socket) => {
    hits.push(`UPGRADE ${request.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `127.0.0.1:${port}`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test.describe('the sealed Worker sandbox', () => {
  test.beforeEach(async ({ page }) => openPlayground(page));

  test('no request leaves the sandbox, by any route', async ({ page }) => {
    const server = await listeningServer();
    try {
      // The server counts what reaches it: a request from the page itself does.
      await page.evaluate((url) => fetch(`http://${url}/control`, { mode: 'no-cors' }).catch(() => undefined), server.url);
      await expect.poll(() => server.hits).toEqual(['GET /control']);
      server.hits.length = 0;

      const code = `export async function main() {
  const g = globalThis as Record<string, any>;
  const at = (route: string) => 'http://${server.url}/' + route;
  const attempts: Record<string, () => unknown> = {
    fetch: () => g.fetch(at('fetch')),
    zoneFetch: () => g.__zone_symbol__fetch(at('zone-fetch')),
    xhr: () => { const x = new g.XMLHttpRequest(); x.open('GET', at('xhr')); x.send(); },
    zoneXhr: () => { const x = new g.__zone_symbol__XMLHttpRequest(); x.open('GET', at('zone-xhr')); x.send(); },
    webSocket: () => new g.WebSocket('ws://${server.url}/ws'),
    webSocketStream: () => new g.WebSocketStream('ws://${server.url}/wss'),
    eventSource: () => new g.EventSource(at('event-source')),
    importScripts: () => g.importScripts(at('import-scripts')),
    sendBeacon: () => (navigator as any).sendBeacon(at('beacon'), 'x'),
    importHttp: () => new Function('u', 'return import(u)')(at('import')),
    importData: () => new Function('u', 'return import(u)')('data:text/javascript,export default 1'),
    importBlob: () => new Function('u', 'return import(u)')(URL.createObjectURL(new Blob(['export default 1'], { type: 'text/javascript' }))),
    worker: () => new g.Worker(URL.createObjectURL(new Blob(['fetch(' + JSON.stringify(at('nested-worker')) + ')']))),
  };
  for (const [route, attempt] of Object.entries(attempts)) {
    try {
      await attempt();
      console.log(route + ': reached');
    } catch {
      console.log(route + ': blocked');
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
}`;
      const result = await runInWorker(page, source(code));
      expect(result.errors).toEqual([]);
      const lines = result.console.map((l) => l.text);
      expect(lines).toHaveLength(13);
      // Sockets and event sources report failure asynchronously; for every other route the attempt itself fails.
      expect(lines.filter((l) => l.endsWith('reached'))).toEqual([]);
      // Give anything that did leave the sandbox time to arrive.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
      expect(server.hits).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test('the program has no storage of the site: every route is absent or refused, and nothing persists', async ({ page }) => {
    await page.evaluate(() => localStorage.setItem('course:probe', 'kept'));
    const code = `export async function main() {
  const g = globalThis as Record<string, any>;
  const nav = navigator as Record<string, any>;
  const proto = Object.getPrototypeOf(navigator);
  const attempts: Record<string, () => unknown> = {
    localStorage: () => g.localStorage.setItem('probe', '1'),
    indexedDB: () => new Promise((resolve, reject) => { const r = g.indexedDB.open('probe'); r.onsuccess = resolve; r.onerror = reject; }),
    caches: () => g.caches.open('probe'),
    storageManager: () => nav.storage.persist(),
    storageViaPrototype: () => Object.getOwnPropertyDescriptor(proto, 'storage')!.get!.call(navigator).getDirectory(),
    storageBuckets: () => nav.storageBuckets.open('probe'),
    opfs: () => nav.storage.getDirectory().then((root: any) => root.getFileHandle('probe', { create: true })),
    fileSystem: () => g.webkitRequestFileSystem(0, 1024),
    locks: () => nav.locks.request('probe', () => new Promise(() => {})),
    cookies: () => g.cookieStore.set('probe', '1'),
    documentCookie: () => { g.document.cookie = 'probe=1'; },
  };
  for (const [route, attempt] of Object.entries(attempts)) {
    try {
      await attempt();
      console.log(route + ': reached');
    } catch {
      console.log(route + ': blocked');
    }
  }
}`;
    const result = await runInWorker(page, source(code));
    expect(result.errors).toEqual([]);
    expect(result.console.map((l) => l.text)).toEqual([
      'localStorage: blocked',
      'indexedDB: blocked',
      'caches: blocked',
      'storageManager: blocked',
      'storageViaPrototype: blocked',
      'storageBuckets: blocked',
      'opfs: blocked',
      'fileSystem: blocked',
      'locks: blocked',
      'cookies: blocked',
      'documentCookie: blocked',
    ]);
    const site = await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const files: string[] = [];
      for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) files.push(name);
      return {
        local: localStorage.getItem('course:probe'),
        databases: (await indexedDB.databases()).map((d) => d.name),
        cache: await caches.has('probe'),
        files,
        locks: (await navigator.locks.query()).held?.map((l) => l.name) ?? [],
        cookie: document.cookie,
      };
    });
    expect(site).toEqual({ local: 'kept', databases: expect.not.arrayContaining(['probe']), cache: false, files: [], locks: [], cookie: expect.not.stringContaining('probe') });
  });

  test('the capture processor cannot be used to forge spans, hide open ones or lift the span cap', async ({ page }) => {
    const code = `import { trace } from '@opentelemetry/api';
export function main() {
  const tracer = trace.getTracer('t');
  const delegate = (trace.getTracerProvider() as any).getDelegate();
  const processors: any[] = delegate._activeSpanProcessor._spanProcessors;
  const capture = processors[processors.length - 1];
  console.log(Object.keys(capture).sort().join(','), Object.isFrozen(capture));
  const real = tracer.startSpan('real');
  const left = tracer.startSpan('left open');
  const ctx = { traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: 1 };
  const fake: any = { name: 'forged', spanContext: () => ctx, kind: 0, startTime: [0, 0], endTime: [1, 0], attributes: {}, events: [], links: [], status: { code: 0 }, resource: real && (real as any).resource, instrumentationScope: { name: 't' }, ended: true, duration: [1, 0], droppedAttributesCount: 0, droppedEventsCount: 0, droppedLinksCount: 0 };
  for (const attempt of [() => capture.onEnd(fake), () => { capture.onStart(fake, {}); capture.onEnd(fake); }, () => capture.onEnd(Object.assign(Object.create(Object.getPrototypeOf(real)), fake)), () => capture.sink.spans([]), () => capture.open.clear(), () => { capture.limit = 1e9; }]) {
    try { attempt(); } catch {}
  }
  real.end();
  capture.onEnd(real);
  capture.onEnd(real);
  void left;
}`;
    const result = await runInWorker(page, traced(code));
    expect(result.console[0]!.text).toBe('forceFlush,onEnd,onStart,shutdown true');
    expect(result.spans.map((s) => s.name)).toEqual(['real']);
    expect(result.unfinished.map((s) => s.name)).toEqual(['left open']);
  });

  test('an oversized error and a flood of rejections end the run with a clear message while the page answers', async ({ page }) => {
    // Four runs, two of them heavy (64 MiB of text, 90,000 rejections), on a possibly busy machine.
    test.setTimeout(180_000);
    const huge = runInWorker(page, source(`export function main() { throw new Error('x'.repeat(64 * 1024 * 1024)); }`, { timeLimitMs: 20_000 }));
    await buttonResponds(page);
    const thrown = await huge;
    expect(thrown.exit).toBe('error');
    expect(thrown.errors[0]!.message.length).toBeLessThan(17 * 1024);
    expect(thrown.errors[0]!.message).toMatch(/more characters\)$/);

    // zone.js takes its time over 90,000 rejections: on a slow machine the time limit may end the
    // run first. Either way the page gets at most 101 errors and stays responsive meanwhile.
    const flood = runInWorker(page, source(`export async function main() { for (let i = 0; i < 90_000; i++) Promise.reject(new Error('rejection ' + i)); await new Promise((r) => setTimeout(r, 1000)); }`));
    await buttonResponds(page);
    const flooded = await flood;
    expect(flooded.errors.length).toBeLessThanOrEqual(101);
    expect(flooded.errors.at(-1)!.message).toMatch(/more than 100 errors|stopped after 5 s/);
    const rejections = await runInWorker(page, source(`export async function main() { for (let i = 0; i < 1_000; i++) Promise.reject(new Error('rejection ' + i)); await new Promise((r) => setTimeout(r, 1000)); }`, { timeLimitMs: 30_000 }));
    // The frame's word that the run sent too many errors may overtake errors still on their way.
    expect(rejections.exit).toBe('crashed');
    expect(rejections.errors.length).toBeLessThanOrEqual(101);
    expect(rejections.errors.at(-1)!.message).toMatch(/more than 100 errors/);
    expect((await runInWorker(page, source("export function main() { console.log('still here'); }"))).console[0]!.text).toBe('still here');
  });

  test('what a program leaves behind never reaches the next one: every Run gets a fresh Worker, also when the frame is kept', async ({ page }) => {
    const leave = `export function main() { (globalThis as any).leftBehind = 'from the last run'; (Object.prototype as any).polluted = true; console.log('left'); }`;
    const look = `export function main() { console.log(String((globalThis as any).leftBehind), String(({} as any).polluted)); }`;
    for (let i = 0; i < 2; i++) {
      const left = await runInWorker(page, source(leave));
      expect(left.exit).toBe('ok');
      const next = await runInWorker(page, source(look));
      expect(next.exit).toBe('ok');
      expect(next.console.map((line) => line.text)).toEqual(['undefined undefined']);
    }
  });
});
