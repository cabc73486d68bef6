import fs from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/**
 * Which Chromium: `browser` is the browser learners run, for benchmarks; `headless-shell` is the
 * same engine without the browser around it (Debian's chromium-headless-shell), which Playwright
 * itself runs headless tests in and which takes about 30% less CPU per page than the browser on a
 * 2-core machine: for tests and grading. The shell falls back to the browser where it is missing.
 */
export type ChromiumKind = 'browser' | 'headless-shell';

const SYSTEM_BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const SYSTEM_SHELLS = ['/usr/bin/chromium-headless-shell'];

/**
 * Debian's Chromium where it is installed (CI and machines that cannot download browsers),
 * Playwright's own browser otherwise. As root, Chromium needs --no-sandbox; the network flags
 * stop it from calling home on machines with no internet.
 */
export function chromiumLaunchOptions(kind: ChromiumKind): LaunchOptions {
  const candidates = kind === 'headless-shell' ? [...SYSTEM_SHELLS, ...SYSTEM_BROWSERS] : SYSTEM_BROWSERS;
  const system = candidates.find((p) => fs.existsSync(p));
  if (!system) return {};
  const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  // Chrome on the desktop gives each site's frames a process of their own; the shell does not
  // unless asked, and the sealed sandbox frame relies on it: its out-of-memory crash must not
  // take the page with it.
  if (SYSTEM_SHELLS.includes(system)) args.push('--site-per-process');
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  return { executablePath: system, args };
}
