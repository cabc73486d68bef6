import fs from 'node:fs';
import path from 'node:path';

/**
 * The base path each output folder was last built with, so that `astro preview` serves a
 * `COURSE_BASE=/course/ npm run build` at /course/ without the variable being set again.
 * Kept in Astro's cache folder, not in the output folder, which is deployed as it is.
 */
const recordFile = (cacheDir: string): string => path.join(cacheDir, 'build-bases.json');

function readRecords(cacheDir: string): Record<string, string> {
  try {
    const data: unknown = JSON.parse(fs.readFileSync(recordFile(cacheDir), 'utf8'));
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function recordBuildBase(cacheDir: string, outDir: string, base: string): void {
  fs.mkdirSync(cacheDir, { recursive: true });
  // Scratch builds (tests, content checks) come and go: keep the folders that still exist.
  const kept = Object.entries(readRecords(cacheDir)).filter(([dir]) => fs.existsSync(dir));
  const records = { ...Object.fromEntries(kept), [path.resolve(outDir)]: base };
  fs.writeFileSync(recordFile(cacheDir), `${JSON.stringify(records, null, 2)}\n`);
}

export function recordedBuildBase(cacheDir: string, outDir: string): string | undefined {
  const base = readRecords(cacheDir)[path.resolve(outDir)];
  return typeof base === 'string' ? base : undefined;
}
