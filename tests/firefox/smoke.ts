/**
 * The Firefox smoke: Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core
 * (Playwright's BiDi client asks Firefox ESR for commands it does not have yet). On the fixture
 * course, built and served as a deployment would be: a lesson opens, an exercise is solved in
 * the Worker runtime, the viewer opens a trace, and search finds a lesson.
 *
 * `npm run test:firefox`. Firefox at FIREFOX_PATH (default /usr/bin/firefox-esr); without one the
 * smoke is skipped with a message, except under CI, where a missing Firefox fails it.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { serveStatic, type StaticServer } from '../../src/grading/static-server.ts';
import { buildCourse } from '../helpers/build.ts';

const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const haveFirefox = fs.existsSync(firefoxPath);
if (!haveFirefox && process.env.CI) throw new Error(`No Firefox at ${firefoxPath}: install Debian's firefox-esr (apt-get install -y firefox-esr) or set FIREFOX_PATH.`);
if (!haveFirefox) console.log(`# skipped: no Firefox at ${firefoxPath} (apt-get install -y firefox-esr, or set FIREFOX_PATH)`);

const LONG = 120_000;
let browser: Browser;
let server: StaticServer;
const pageErrors: string[] = [];

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(LONG);
  page.on('pageerror', (error) => pageErrors.push(`${path}: ${(error as Error).message}`));
  await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  return page;
}

const textOf = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '');

before(async () => {
  if (!haveFirefox) return;
  const build = buildCourse('tests/fixtures/course');
  assert.equal(build.status, 0, `the fixture course did not build:\n${build.output.slice(-3000)}`);
  server = await serveStatic(build.outDir);
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: firefoxPath, headless: true });
}, { timeout: 600_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a lesson opens with its sections and no script errors', { skip: !haveFirefox, timeout: LONG }, async () => {
  const page = await open('/lessons/first-steps/');
  assert.match(await textOf(page, 'main h1'), /First steps/);
  assert.ok((await page.$$('main h2')).length > 0, 'the lesson has sections');
  await page.close();
});

test('an exercise is solved in the Worker runtime through the page', { skip: !haveFirefox, timeout: 2 * LONG }, async () => {
  const page = await open('/exercises/hello-span/');
  assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'the page is cross-origin isolated');
  page.on('dialog', (dialog) => void dialog.accept());
  await page.click('[data-exercise="hello-span"] [data-solution]');
  await page.click('[data-exercise="hello-span"] [data-run]');
  await page.waitForFunction(() => /^(\d+) of \1 passed$/.test(document.querySelector('[data-exercise="hello-span"] [data-checks-summary]')?.textContent ?? ''));
  assert.match(await textOf(page, '[data-exercise="hello-span"] [data-runtime-status]'), /Worker/);
  // The run's trace is drawn: its span is a row of the tree.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-exercise="hello-span"] [role="treegrid"] [role="row"]')].some((row) => row.textContent?.includes('say hello')));
  await page.close();
});

test('the viewer opens the sample trace as a span tree', { skip: !haveFirefox, timeout: LONG }, async () => {
  const page = await open('/viewer/');
  await page.click('[data-sample]');
  await page.waitForFunction(() => document.querySelectorAll('[role="treegrid"] [role="row"][aria-level]').length > 3);
  await page.close();
});

test('search finds a lesson', { skip: !haveFirefox, timeout: LONG }, async () => {
  const page = await open('/');
  await page.click('[data-search-open]');
  const input = await page.waitForSelector('dialog[open] [data-search-input]');
  await input!.type('context');
  await page.waitForSelector('[data-search-results] [role="option"][data-url*="/lessons/passing-context/"]');
  await page.keyboard.press('ArrowDown');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.match(page.url(), /\/lessons\/passing-context\//);
  await page.close();
});

test('no page threw', { skip: !haveFirefox }, () => {
  assert.deepEqual(pageErrors, []);
});
