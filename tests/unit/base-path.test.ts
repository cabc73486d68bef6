import { chromium, type Browser } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../src/grading/static-server.ts';
import { listExercises } from '../../src/exercises/load.ts';
import { lessonSlugFromFile } from '../../src/course/slugs.ts';
import { simulateSampling } from '../../src/diagrams/sampling-simulation.ts';
import { chromiumLaunchOptions } from '../../src/grading/chromium.ts';
import { buildCourse, inheritedEnv, startAstro } from '../helpers/build.ts';
import { fixtureCourse } from '../helpers/content.ts';

// The course deployed under a sub-path, as on GitHub Pages (https://<user>.github.io/<repo>/).
const BASE = '/course/';
const contentDir = fixtureCourse;

let outDir = '';
let browser: Browser;
let server: { url: string; close(): Promise<void> };

function htmlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .sort();
}

/** Every URL-valued attribute of a page, read by the browser's own HTML parser. */
async function urlsOf(html: string): Promise<Array<{ attribute: string; value: string }>> {
  const page = browser.contexts()[0]?.pages()[0] ?? (await browser.newPage());
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'text/html');
    const found: Array<{ attribute: string; value: string }> = [];
    for (const element of doc.querySelectorAll('*')) {
      for (const { name, value } of element.attributes) {
        if (['href', 'src', 'action', 'poster', 'formaction'].includes(name)) found.push({ attribute: `${element.localName}[${name}]`, value });
        if (name === 'srcset') for (const part of value.split(',')) found.push({ attribute: `${element.localName}[srcset]`, value: part.trim().split(/\s+/)[0]! });
        // Components hand URLs to scripts in data attributes (e.g. data-worker).
        if (name.startsWith('data-') && /^\/[\w.-]/.test(value)) found.push({ attribute: `${element.localName}[${name}]`, value });
      }
    }
    return found;
  }, html);
}

/** A URL of this site, as opposed to another origin, a fragment or a data: URL. */
const isInternal = (url: string) => url !== '' && !/^([a-z][a-z\d+.-]*:|\/\/|#)/i.test(url);

beforeAll(async () => {
  // Vitest puts BASE_URL=/ into process.env, which the child build would take over the
  // configured base: hand it the base the deploy uses.
  // As the GitHub Pages workflow builds it: under a base path, isolated by the service worker.
  const build = buildCourse(contentDir, { COURSE_BASE: BASE, BASE_URL: BASE, COURSE_ISOLATION: 'service-worker' });
  expect(build.status, build.output).toBe(0);
  outDir = build.outDir;
  browser = await chromium.launch(chromiumLaunchOptions('headless-shell'));
  await browser.newContext().then((c) => c.newPage());
  // GitHub Pages' layout: the site lives in /course/ and nothing else exists on the host.
  const host = fs.mkdtempSync(path.join(os.tmpdir(), 'course-host-'));
  fs.symlinkSync(outDir, path.join(host, BASE.replaceAll('/', '')), 'dir');
  server = await serveStatic(host);
});

const stops: Array<() => Promise<void>> = [];

afterAll(async () => {
  await Promise.all(stops.map((stop) => stop()));
  await browser?.close();
  await server?.close();
});

describe(`the course built with COURSE_BASE=${BASE}`, () => {
  it('links, scripts, stylesheets and images in every page start with the base path', async () => {
    const outside: string[] = [];
    let checked = 0;
    for (const file of htmlFiles(outDir)) {
      for (const { attribute, value } of await urlsOf(fs.readFileSync(path.join(outDir, file), 'utf8'))) {
        if (!isInternal(value)) continue;
        checked++;
        // Relative URLs follow the page wherever it is; root-relative ones must carry the base.
        if (value.startsWith('/') && !value.startsWith(BASE)) outside.push(`${file}: ${attribute}="${value}"`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(outside).toEqual([]);
  });

  it('every internal URL in the pages leads to a file of the build', async () => {
    const missing: string[] = [];
    for (const file of htmlFiles(outDir)) {
      const pageUrl = new URL(`${BASE}${file.replace(/index\.html$/, '')}`, 'http://site');
      for (const { attribute, value } of await urlsOf(fs.readFileSync(path.join(outDir, file), 'utf8'))) {
        if (!isInternal(value)) continue;
        const { pathname } = new URL(value, pageUrl);
        if (!pathname.startsWith(BASE)) continue; // reported by the test above
        const target = path.join(outDir, decodeURIComponent(pathname.slice(BASE.length)));
        const exists = fs.existsSync(target) && (fs.statSync(target).isFile() || fs.existsSync(path.join(target, 'index.html')));
        if (!exists) missing.push(`${file}: ${attribute}="${value}"`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('worker, chunk and asset URLs inside the bundles start with the base path', () => {
    const dir = path.join(outDir, '_astro');
    const outside: string[] = [];
    const loadedByUrl: string[] = [];
    for (const name of fs.readdirSync(dir).filter((f) => /\.(js|css)$/.test(f))) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      // Absolute references to the site's own files: "/_astro/...", url(/_astro/...).
      for (const match of text.matchAll(/(?<=[`'"(])\/(?:[\w-]+\/)*(?:_astro|pagefind)\/[^`'")\s]*/g)) {
        if (!match[0].startsWith(BASE)) outside.push(`_astro/${name}: ${match[0]}`);
      }
      // Workers (the sandbox, the compiler) and lazily fetched files: new URL(`/course/_astro/x.js`, import.meta.url).
      for (const match of text.matchAll(/new URL\(\s*[`'"]([^`'"]+)[`'"]\s*,\s*(?:``\+)?import\.meta\.url\)/g)) loadedByUrl.push(match[1]!);
    }
    expect(outside).toEqual([]);
    // Relative and data: URLs resolve against the module itself; root-relative ones need the base.
    const rootRelative = loadedByUrl.filter((url) => url.startsWith('/'));
    expect(rootRelative.length).toBeGreaterThanOrEqual(2);
    const wrong = rootRelative.filter((url) => !url.startsWith(`${BASE}_astro/`) || !fs.existsSync(path.join(outDir, url.slice(BASE.length))));
    expect(wrong).toEqual([]);
  });

  it('a lesson and an exercise load and run in Chromium under the base path', async () => {
    const lesson = lessonSlugFromFile(fs.readdirSync(path.join(contentDir, 'lessons')).filter((f) => f.endsWith('.mdx')).sort()[0]!);
    const [exercise] = listExercises(contentDir);
    const page = await browser.newPage();
    const broken: string[] = [];
    const origin = new URL(server.url).origin;
    page.on('response', (r) => {
      if (new URL(r.url()).origin === origin && r.status() >= 400) broken.push(`${r.status()} ${r.url()} from ${r.frame().url()} ${r.request().resourceType()}`);
    });
    page.on('requestfailed', (r) => {
      if (new URL(r.url()).origin === origin) broken.push(`failed ${r.url()}`);
    });

    await page.goto(`${server.url}${BASE}lessons/${lesson}/`);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('h1').count()).toBe(1);

    await page.goto(`${server.url}${BASE}exercises/${exercise}/`);
    const root = page.locator(`[data-exercise="${exercise}"]`);
    await root.getByRole('button', { name: 'Run' }).click();
    // The run needs the sandbox Worker and the compiler Worker, both loaded from /course/_astro/.
    const status = root.getByRole('list', { name: 'Checks' }).getByText(/^(passed|failed)$/).first();
    await status.waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
    expect(broken).toEqual([]);
    await page.close();
  });

  it('search finds the lessons and leads to them under the base path', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}${BASE}glossary/`);
    await page.keyboard.press('/');
    await page.keyboard.type('duration');
    // The results of "duration" itself, not of a shorter query typed on the way.
    await page.getByRole('status').filter({ hasText: /results? for “duration”/ }).waitFor();
    const first = page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first();
    expect(await first.getAttribute('data-url')).toMatch(new RegExp(`^${BASE}lessons/first-steps/`));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`^${server.url}${BASE}lessons/first-steps/`));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('First steps');
    await page.close();
  });
});

describe('npm run preview after a COURSE_BASE build', () => {
  it('serves the build at its base path without COURSE_BASE being set again', async () => {
    const { COURSE_BASE: _unset, ...env } = inheritedEnv();
    const preview = await startAstro(['preview', '--port', '0'], { ...env, COURSE_CONTENT_DIR: contentDir, COURSE_OUT_DIR: outDir, NO_COLOR: '1', FORCE_COLOR: '0' });
    stops.push(preview.stop);
    await expect.poll(() => preview.output(), { timeout: 60_000, interval: 250 }).toMatch(/Local\s+http:\/\/\S+/);
    const origin = new URL(/Local\s+(http:\/\/\S+)/.exec(preview.output())![1]!).origin;

    const lesson = await fetch(`${origin}${BASE}lessons/first-steps/`);
    expect(lesson.status).toBe(200);
    expect(await lesson.text()).toContain('First steps');
    expect(preview.output()).toContain(`Serving the build at ${BASE}`);
  });
});

describe('offline under the base path, on a host without isolation headers (GitHub Pages)', () => {
  it('the service worker isolates the page, precaches only URLs under the base, and serves it offline', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.webmanifest'), 'utf8')) as { start_url: string; scope: string; icons: Array<{ src: string }> };
    expect([manifest.start_url, manifest.scope]).toEqual([BASE, BASE]);
    expect(manifest.icons.filter((i) => !i.src.startsWith(BASE))).toEqual([]);

    const bare = await serveStatic(outDir, { base: BASE, headers: {} });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${bare.url}/lessons/first-steps/`);
      // The first load is not isolated; coi-register.js reloads once the worker controls the page.
      await page.waitForFunction(() => window.crossOriginIsolated, undefined, { timeout: 120_000 });
      const scope = await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => [r?.scope, r?.active?.scriptURL]));
      expect(scope).toEqual([`${bare.url}/`, `${bare.url}/sw.js`]);
      const cached = await page.evaluate(async () => {
        const urls: string[] = [];
        for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
        return urls;
      });
      expect(cached.length).toBeGreaterThan(50);
      expect(cached.filter((url) => !url.startsWith(BASE))).toEqual([]);

      await context.setOffline(true);
      await page.reload();
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
      const [exercise] = listExercises(contentDir);
      await page.goto(`${bare.url}/exercises/${exercise}/`);
      expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
      const root = page.locator(`[data-exercise="${exercise}"]`);
      await root.getByRole('button', { name: 'Run' }).click();
      await root.getByRole('list', { name: 'Checks' }).getByText(/^(passed|failed)$/).first().waitFor({ timeout: 60_000 });
    } finally {
      await context.close();
      await bare.close();
    }
  });
});

describe('the lesson pictures in the built course', () => {
  /** Text of the elements matching `selector` in a built page, parsed by the browser. */
  async function texts(file: string, selector: string): Promise<string[]> {
    const page = browser.contexts()[0]!.pages()[0]!;
    return page.evaluate(
      ([source, css]) => [...new DOMParser().parseFromString(source, 'text/html').querySelectorAll(css)].map((e) => e.textContent!.replace(/\s+/g, ' ').trim()),
      [fs.readFileSync(path.join(outDir, file), 'utf8'), selector] as const,
    );
  }

  it("the sampling chart's table shows the simulation's numbers", async () => {
    const { strategies } = simulateSampling({ requests: 100_000, errorRate: 0.01, slowRate: 0.05, headRatio: 0.1, tailRatio: 0.01 });
    const cells = await texts('lessons/second-steps/index.html', 'figure.sampling-chart tbody :is(th, td)');
    const n = (v: number) => v.toLocaleString('en-US');
    const row = (title: string, values: number[]) => [title, ...values.map(n)];
    expect(cells).toEqual([
      ...row('Traces stored of 100,000', strategies.map((s) => s.kept)),
      ...row('Errors kept of 1,000', strategies.map((s) => s.errors)),
      ...row('Slow traces kept of 5,000', strategies.map((s) => s.slow)),
      ...row('Other traces kept of 94,000', strategies.map((s) => s.ordinary)),
    ]);
    const [label] = await texts('lessons/second-steps/index.html', 'figure.sampling-chart [role="img"]');
    expect(label).toContain('Traces stored');
  });

  it('the propagation diagram carries one trace ID and a new parent ID on every hop', async () => {
    const headers = await texts('lessons/passing-context/index.html', 'figure.propagation .propagation__header');
    const spanIds = await texts('lessons/passing-context/index.html', 'figure.propagation .propagation__span');
    expect(headers.length).toBeGreaterThanOrEqual(2);
    const parsed = headers.map((h) => /^traceparent: 00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(h));
    expect(parsed.every(Boolean), headers.join('\n')).toBe(true);
    expect(new Set(parsed.map((m) => m![1])).size).toBe(1);
    expect(new Set(parsed.map((m) => m![2])).size).toBe(headers.length);
    // Each parent ID is the span ID of a span drawn above it, and the parent of one drawn below.
    for (const m of parsed) expect(spanIds.filter((row) => row.includes(m![2]!)).length, m![2]).toBe(2);
  });
});
