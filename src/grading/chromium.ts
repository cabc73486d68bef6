import fs from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium where it is installed (CI and machines that cannot download browsers),
 * Playwright's own browser otherwise. As root, Chromium needs --no-sandbox; the network flags
 * stop it from calling home on machines with no internet.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  if (!system) return {};
  const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  return { executablePath: system, args };
}
