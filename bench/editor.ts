/**
 * The code editor's cost: JavaScript a page transfers while the learner reads (before the
 * editor loads) and once the editor is up, and the time from the first interaction with the
 * editor to an editable Monaco. Sizes are the gzip size of each JavaScript response (workers
 * included), measured in Chromium after 5 s of idle, whatever the server's own compression.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { atMost, firstLessonPath, info, median, type Figure, type Scale } from './lib.ts';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
/** The editor's two lazy entry chunks: `import()`ed by src/editor/code-editor.ts. */
const EDITOR_ENTRY = /^(monaco-backend|editor-types)\.[\w-]+\.js$/;

/** Files of `dist/_astro` that `text` refers to (imports, preload lists, workers, CSS urls). */
function references(text: string, files: Set<string>): string[] {
  return [...text.matchAll(/[\w.-]+\.(?:js|css|ttf|woff2?)/g)].map((m) => m[0]).filter((name) => files.has(name));
}

/**
 * The JavaScript files only the editor needs: everything reachable from its lazy entries, minus
 * what the page reaches without them. A chunk's `__vite__mapDeps` list names the preloads of its
 * dynamic imports, so it belongs to what those imports load, not to the chunk.
 */
export function editorOnlyFiles(astroDir: string): Set<string> {
  const files = new Set(fs.readdirSync(astroDir));
  const read = (name: string) => (/\.(js|css)$/.test(name) ? fs.readFileSync(path.join(astroDir, name), 'utf8') : '');
  const reach = (start: string[], skip: (name: string) => boolean, strip: boolean) => {
    const seen = new Set<string>();
    const queue = [...start];
    while (queue.length) {
      const name = queue.pop()!;
      if (seen.has(name) || skip(name)) continue;
      seen.add(name);
      const text = strip ? read(name).replace(/^const __vite__mapDeps=[^\n]*?\]\)\)\)=>i\.map\(i=>d\[i\]\);/, '') : read(name);
      queue.push(...references(text, files));
    }
    return seen;
  };
  const editor = reach([...files].filter((f) => EDITOR_ENTRY.test(f)), () => false, false);
  const page = reach([...files].filter((f) => !editor.has(f)), (name) => EDITOR_ENTRY.test(name), true);
  // JavaScript only: Astro links the editor's CSS from the page itself (render-blocking).
  return new Set([...editor].filter((f) => f.endsWith('.js') && !page.has(f)));
}

interface Transfer {
  url: string;
  gzip: number;
}

/** Records every JavaScript response of the page (and its workers) with its gzip size. */
function recordJavaScript(page: Page): Transfer[] {
  const transfers: Transfer[] = [];
  page.on('response', async (response) => {
    const url = response.url();
    if (!/\.m?js(\?|$)/.test(url) && response.request().resourceType() !== 'script') return;
    try {
      transfers.push({ url, gzip: zlib.gzipSync(await response.body()).length });
    } catch {
      // A response without a body (redirect, aborted): nothing was transferred.
    }
  });
  return transfers;
}

const kb = (transfers: Transfer[]) => transfers.reduce((sum, t) => sum + t.gzip, 0) / 1024;
const fileOf = (url: string) => new URL(url).pathname.split('/').pop()!;

/** Holds back the requests for `files` until `release()`, as if the editor had not been asked for yet. */
async function holdEditor(page: Page, files: Set<string>): Promise<() => void> {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_astro/**', async (route) => {
    if (files.has(fileOf(route.request().url()))) await released;
    await route.continue();
  });
  return release;
}

/** From the first press on the static code to Monaco editable, and to the TypeScript service ready. */
async function interactionToEditable(browser: Browser, url: string, editorFiles: Set<string>): Promise<{ editable: number; service: number }> {
  // page.route() does not see what the course's service worker answers: hold Monaco back without one.
  const page = await browser.newPage({ serviceWorkers: 'block' });
  const release = await holdEditor(page, editorFiles);
  // Held preloads delay the load event: wait for the document, then a moment.
  await page.goto(`${url}/playground/`, { waitUntil: 'domcontentloaded' });
  await page.waitForTimeout(1_000);
  await page.evaluate(() => {
    const host = document.getElementById('playground-code')!;
    host.addEventListener('pointerdown', () => performance.mark('bench:first-interaction'), { once: true, capture: true });
  });
  await page.locator('#playground-code .code-editor__static pre').click({ position: { x: 200, y: 60 } });
  release();
  await page.locator('#playground-code[data-editor="monaco"]').waitFor({ timeout: 60_000 });
  const times = await page.evaluate(async () => {
    await window.courseRuntime!.ready;
    const ready = performance.now();
    const start = performance.getEntriesByName('bench:first-interaction')[0]!.startTime;
    const editable = performance.getEntriesByName('code-editor:editable').at(-1)!.startTime;
    return { editable: editable - start, service: ready - start };
  });
  await page.close();
  return times;
}

/** `astroDir`: the build's `_astro` folder that `url` serves (default: `dist/_astro`). */
export async function benchEditor(browser: Browser, url: string, scale: Scale, astroDir = path.join(dist, '_astro')): Promise<Figure[]> {
  // A quick run idles less, so its sizes can miss late requests; full runs give the figures.
  const { idleMs, runs } = scale === 'full' ? { idleMs: 5_000, runs: 5 } : { idleMs: 1_000, runs: 1 };
  const idle = `${idleMs / 1000} s idle`;
  const editorFiles = editorOnlyFiles(astroDir);
  if (editorFiles.size === 0) throw new Error(`no editor chunks found in ${astroDir}`);
  const figures: Figure[] = [];

  const lesson = await firstLessonPath(browser, url);
  if (!lesson) throw new Error(`the home page at ${url}/ links to no lesson`);
  const lessonPage = await browser.newPage();
  const lessonTransfers = recordJavaScript(lessonPage);
  await lessonPage.goto(new URL(lesson, url).href);
  await lessonPage.waitForTimeout(idleMs);
  figures.push(atMost(`lesson page JavaScript while reading (gzip, ${idle})`, kb(lessonTransfers), 100, 'KB', lesson));
  await lessonPage.close();

  // The playground shows its editor at once: its Monaco is held back to see the page without it
  // (and without the service worker, whose requests page.route() does not see).
  const page = await browser.newPage({ serviceWorkers: 'block' });
  const transfers = recordJavaScript(page);
  const release = await holdEditor(page, editorFiles);
  await page.goto(`${url}/playground/`, { waitUntil: 'domcontentloaded' });
  await page.waitForTimeout(idleMs);
  const before = kb(transfers);
  release();
  await page.locator('#playground-code[data-editor="monaco"]').waitFor({ timeout: 60_000 });
  await page.evaluate(() => window.courseRuntime!.ready);
  await page.waitForTimeout(idleMs);
  const after = kb(transfers);
  const monaco = kb(transfers.filter((t) => editorFiles.has(fileOf(t.url))));
  const worker = kb(transfers.filter((t) => /typescript\.worker/.test(t.url)));
  await page.close();
  figures.push(
    atMost(`playground JavaScript before the editor loads (gzip, ${idle})`, before, 100, 'KB', 'the page with its code shown as highlighted text'),
    info(`playground JavaScript once the editor is up (gzip, ${idle})`, after, 'KB', `Monaco, its TypeScript worker (${worker.toFixed(0)} KB) and the OpenTelemetry types: ${monaco.toFixed(0)} KB`),
  );

  const editables: { editable: number; service: number }[] = [];
  for (let i = 0; i < runs; i++) editables.push(await interactionToEditable(browser, url, editorFiles));
  figures.push(
    info('first interaction to an editable editor', median(editables.map((r) => r.editable)), 'ms', `press on the highlighted code -> Monaco takes keys; median of ${runs}`),
    info('first interaction to the TypeScript worker ready', median(editables.map((r) => r.service)), 'ms', `IntelliSense, and Runs transpile in it; median of ${runs}`),
  );
  return figures;
}
