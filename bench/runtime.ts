import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { NodeRuntime } from '../src/runtime/node-runtime.ts';
import type { RunRequest, RunResult } from '../src/runtime/runtime.ts';
import { durationMs } from '../sandboxes/wire/span-record.ts';
import { atLeast, atMost, info, median, percentile, type Figure, type Scale } from './lib.ts';

const checkout: RunRequest = {
  files: { 'main.ts': fs.readFileSync(new URL('../tests/fixtures/course/playground.ts', import.meta.url), 'utf8') },
  entry: 'main.ts',
};

/** The program's own time: its root span, which covers its timer waits. */
function ownTime(result: RunResult): number {
  const root = result.spans.find((s) => !s.parentSpanId);
  if (!root || result.exit !== 'ok') throw new Error(`benchmark program failed: ${result.exit} ${JSON.stringify(result.errors)}`);
  return durationMs(root) ?? 0;
}

/** One Run of the checkout program in the page, timed there from the call to `run()` until every span is back. */
function timedRun(page: Page): Promise<{ result: RunResult; elapsed: number }> {
  return page.evaluate(async (r) => {
    const start = performance.now();
    const result = await window.courseRuntime!.run(r);
    return { result, elapsed: performance.now() - start };
  }, checkout);
}

/** From the program's first span start to its last span end: its own time (timer waits), not the runtime's. */
function programWaits(result: RunResult): number {
  const ended = result.spans.filter((s) => s.endTimeUnixNano !== undefined);
  if (ended.length === 0) return 0;
  const first = ended.reduce((min, s) => (BigInt(s.startTimeUnixNano) < min ? BigInt(s.startTimeUnixNano) : min), BigInt(ended[0]!.startTimeUnixNano));
  const last = ended.reduce((max, s) => (BigInt(s.endTimeUnixNano!) > max ? BigInt(s.endTimeUnixNano!) : max), 0n);
  return Number(last - first) / 1e6;
}

/**
 * Run-to-spans: from the call to `run()` (what a Run click does) until every span is back,
 * in the Worker (Chromium) and in host Node, on the checkout program of lesson 1 (the fixture
 * course's playground).
 */
export async function benchRuntime(browser: Browser, url: string, scale: Scale): Promise<Figure[]> {
  const { warmups, runs, pageLoads, nodeRuns } = scale === 'full' ? { warmups: 5, runs: 60, pageLoads: 5, nodeRuns: 15 } : { warmups: 1, runs: 5, pageLoads: 1, nodeRuns: 3 };
  const page = await browser.newPage();
  await page.goto(`${url}/playground/`);
  await page.evaluate(() => window.courseRuntime!.ready);
  // Warm-up runs (JIT, first transpile) are not counted.
  for (let i = 0; i < warmups; i++) await page.evaluate((r) => window.courseRuntime!.run(r), checkout);
  const totals: number[] = [];
  const own: number[] = [];
  for (let i = 0; i < runs; i++) {
    // A learner's clicks are seconds apart: give the pre-spawned Worker time to start.
    await page.waitForTimeout(60);
    const { result, elapsed } = await timedRun(page);
    const waits = ownTime(result);
    totals.push(elapsed);
    own.push(waits);
  }
  const net = totals.map((t, i) => t - own[i]!);
  await page.close();

  const firstRunReady: number[] = [];
  const firstRunUnedited: number[] = [];
  const firstRunEdited: number[] = [];
  for (let i = 0; i < pageLoads; i++) {
    const fresh = await browser.newPage();
    await fresh.goto(`${url}/playground/`);
    await fresh.evaluate(() => window.courseRuntime!.ready);
    firstRunReady.push((await timedRun(fresh)).elapsed);
    await fresh.close();

    // A Run clicked as soon as the playground's script has run: its program as shipped (compiled
    // when the site was built), then edited (the compiler must load first).
    for (const [edited, into] of [[false, firstRunUnedited], [true, firstRunEdited]] as const) {
      const early = await browser.newPage();
      await early.goto(`${url}/playground/`, { waitUntil: 'commit' });
      await early.waitForFunction(() => window.courseRuntime !== undefined, undefined, { polling: 1 });
      const { elapsed, result } = await early.evaluate(async (edit) => {
        const program = window.courseRuntime!.program();
        const request = edit ? { ...program, files: { ...program.files, [program.entry]: `${program.files[program.entry]}\n// edited\n` } } : program;
        const start = performance.now();
        const result = await window.courseRuntime!.run(request);
        return { elapsed: performance.now() - start, result };
      }, edited);
      if (result.exit !== 'ok') throw new Error(`the playground's program failed: ${result.exit} ${JSON.stringify(result.errors)}`);
      into.push(elapsed - programWaits(result));
      await early.close();
    }
  }

  const node = new NodeRuntime();
  await node.run(checkout);
  const nodeTimes: number[] = [];
  for (let i = 0; i < nodeRuns; i++) {
    const started = performance.now();
    const result = await node.run(checkout);
    nodeTimes.push(performance.now() - started - ownTime(result));
  }
  const warmP50 = median(net);
  return [
    info('program’s own waits (root span)', median(own), 'ms', 'the checkout program sleeps about 41 ms (a tenth of lesson 1’s timings); subtracted from the figures below'),
    atMost('Worker Run-to-spans, warm, p50', warmP50, 20, 'ms', `fresh Worker per run, ${runs} runs`),
    atMost('Worker Run-to-spans, warm, p95', percentile(net, 95), 60),
    atMost('Worker first Run once the page is ready', median(firstRunReady) - median(own), 150, 'ms', `median of ${pageLoads} page loads`),
    atMost('Worker first Run right after page load, unedited', median(firstRunUnedited), 300, 'ms', `the playground's program, compiled at build time; median of ${pageLoads}`),
    atMost('Worker first Run right after page load, edited', median(firstRunEdited), 1000, 'ms', `includes loading the compiler; median of ${pageLoads}`),
    info('host Node run, p50', median(nodeTimes), 'ms', `fresh node process per run, ${nodeRuns} runs`),
    atLeast('host Node / Worker warm', median(nodeTimes) / warmP50, 10),
  ];
}
