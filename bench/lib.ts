import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../src/grading/chromium.ts';

/**
 * `full`: the figures README reports, on the course itself. `quick`: every section on small
 * inputs and the fixture course, to show in little time that each one still runs.
 */
export type Scale = 'full' | 'quick';

export interface Figure {
  name: string;
  value: number;
  unit: 'ms' | 's' | 'KB' | 'x' | 'score';
  /** The goal from the issue that asked for this figure, e.g. `<= 20`. */
  goal?: string;
  met?: boolean;
  note?: string;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const median = (values: number[]) => percentile(values, 50);
export const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/** A figure with an upper-bound goal. */
export function atMost(name: string, value: number, goal: number, unit: Figure['unit'] = 'ms', note?: string): Figure {
  return { name, value: round(value), unit, goal: `<= ${goal}`, met: value <= goal, ...(note ? { note } : {}) };
}

export function atLeast(name: string, value: number, goal: number, unit: Figure['unit'] = 'x', note?: string): Figure {
  return { name, value: round(value), unit, goal: `>= ${goal}`, met: value >= goal, ...(note ? { note } : {}) };
}

export function info(name: string, value: number, unit: Figure['unit'] = 'ms', note?: string): Figure {
  return { name, value: round(value), unit, ...(note ? { note } : {}) };
}

/** Serves the production build (`astro preview`) until `close()`. */
export async function servePreview(port: number): Promise<{ url: string; close(): void }> {
  const astro = new URL('../node_modules/astro/bin/astro.mjs', import.meta.url).pathname;
  const child: ChildProcess = spawn(process.execPath, [astro, 'preview', '--ignore-lock', '--host', '127.0.0.1', '--port', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/`)).ok) return { url, close: () => child.kill() };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('astro preview did not start');
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions('browser'));
}

/** Path of the first lesson the home page links to, e.g. `/lessons/traces-and-spans/`. */
export async function firstLessonPath(browser: Browser, url: string): Promise<string | undefined> {
  const page = await browser.newPage();
  await page.goto(`${url}/`);
  const href = await page.locator('a[href*="/lessons/"]').first().getAttribute('href').catch(() => null);
  await page.close();
  return href ?? undefined;
}
