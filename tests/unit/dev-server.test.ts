import { chromium } from '@playwright/test';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { chromiumLaunchOptions } from '../../src/grading/chromium.ts';
import { inheritedEnv, startAstro, type AstroProcess } from '../helpers/build.ts';
import { appendedLine, copyFixtureCourse, editFile } from '../helpers/content.ts';

const running: Array<() => Promise<void>> = [];
afterEach(() => Promise.all(running.splice(0).map((stop) => stop())));

/**
 * `astro dev` on a content folder, on a free port, stopped after each test.
 * `--ignore-lock` leaves alone a dev server the developer may have running on this project.
 */
async function startDevServer(contentDir: string): Promise<AstroProcess> {
  // Astro's dev server serves no page when it believes it runs inside Vitest (VITEST), and
  // Vitest sets NODE_ENV=test: the server must see the environment an instructor's shell has.
  const env = Object.fromEntries(Object.entries(inheritedEnv()).filter(([key]) => !/^(VITEST|TEST$|NODE_ENV$)/.test(key)));
  return startAstro(['dev', '--port', '0', '--ignore-lock'], { ...env, COURSE_CONTENT_DIR: contentDir, NO_COLOR: '1', FORCE_COLOR: '0' });
}

/** The server's address, once it says it is listening. */
function localUrl(server: AstroProcess): Promise<string> {
  return vi.waitFor(
    () => {
      const url = /Local\s+(http:\/\/\S+)/.exec(server.output())?.[1];
      if (!url) throw new Error(`astro dev has not said where it listens yet:\n${server.output()}`);
      return url;
    },
    { timeout: 120_000, interval: 250 },
  );
}

describe('the dev server', () => {
  it('names the lesson file, line and nearest name of an unknown glossary term and a misspelt field when the lesson is opened', async () => {
    const dir = copyFixtureCourse();
    const lesson = path.join(dir, 'lessons/02-second-steps.mdx');
    const server = await startDevServer(dir);
    running.push(server.stop);
    const base = await localUrl(server);
    // The first requests may come before the content store is filled.
    await expect.poll(async () => (await fetch(new URL('lessons/second-steps/', base))).status, { timeout: 60_000, interval: 500 }).toBe(200);

    // An instructor breaks the lesson while the server runs, then reloads the page.
    const line = appendedLine(lesson, 'A <Term id="spna">span</Term>.\n');
    const message = `${lesson}:${line}: <Term id="spna">: no term "spna" in glossary.yaml; did you mean \`span\`?`;
    await expect
      .poll(async () => {
        await fetch(new URL('lessons/second-steps/', base));
        return server.output();
      }, { timeout: 60_000, interval: 500 })
      .toContain(message);
    expect(server.output()).not.toContain('UnhandledRejection');

    // A misspelt frontmatter field, once the term is fixed.
    editFile(lesson, (t) => t.replace('<Term id="spna">', '<Term id="span">').replace('order: 2', 'order: 2\ndarft: true'));
    await expect
      .poll(async () => {
        await fetch(new URL('lessons/second-steps/', base));
        return server.output();
      }, { timeout: 60_000, interval: 500 })
      .toContain(`${lesson}:4: \`darft\` is not a lesson field; did you mean \`draft\`?`);
  }, 240_000);

});

// One server for the tests that change nothing: each start is seconds of Astro (and holds the Astro lock).
describe('the dev server on an unchanged course', () => {
  let server: AstroProcess | undefined;
  let base = '';
  beforeAll(async () => {
    server = await startDevServer(copyFixtureCourse());
    base = await localUrl(server);
  }, 240_000);
  afterAll(() => server?.stop());

  it('registers no service worker: a stale cache in development would hide every change', async () => {
    await expect.poll(async () => (await fetch(new URL('lessons/first-steps/', base))).status, { timeout: 60_000, interval: 500 }).toBe(200);
    expect((await fetch(new URL('sw.js', base))).status).toBe(404);

    const browser = await chromium.launch(chromiumLaunchOptions('headless-shell'));
    try {
      const page = await browser.newPage();
      // sw.js does not exist in development, so a registration would fail and leave nothing
      // behind: count the attempts instead.
      await page.addInitScript(() => {
        const container = navigator.serviceWorker;
        const register = container.register.bind(container);
        container.register = (...args) => {
          (window as unknown as { registrations?: number }).registrations = ((window as unknown as { registrations?: number }).registrations ?? 0) + 1;
          return register(...args);
        };
      });
      await page.goto(new URL('lessons/first-steps/', base).href, { waitUntil: 'load' });
      // The page does know its worker (the same markup as a build), and its scripts have run.
      expect(await page.locator('meta[name="course-service-worker"]').count()).toBe(1);
      expect(await page.locator('link[rel="manifest"]').count()).toBe(1);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => (window as unknown as { registrations?: number }).registrations ?? 0)).toBe(0);
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
    } finally {
      await browser.close();
    }
  }, 240_000);

  it('runs an exercise’s solution when its reference trace is first asked for, and answers 404 for an exercise with none', async () => {
    const response = await fetch(new URL('reference-traces/checkout.json', base));
    expect(response.status).toBe(200);
    const trace = (await response.json()) as { exercise: string; spans: Array<{ name: string }> };
    expect(trace.exercise).toBe('checkout');
    expect(trace.spans.map((s) => s.name)).toContain('stripe api call');
    // A trace-reading exercise runs nothing; an unknown id is no exercise.
    expect((await fetch(new URL('reference-traces/read-checkout.json', base))).status).toBe(404);
    expect((await fetch(new URL('reference-traces/no-such-exercise.json', base))).status).toBe(404);
  }, 240_000);
});
