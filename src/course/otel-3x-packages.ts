import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from './paths.ts';

/**
 * The OpenTelemetry JS 3.x line cannot share an install with the course's 2.x packages (their
 * `@opentelemetry/api` peer ranges exclude each other), so it lives in a folder of its own with
 * its own lock file. Lesson blocks marked `otel=3` are type-checked against it.
 */
export const otel3xDir = path.join(projectRoot, 'scripts', 'otel-3x');

const STAMP = '.course-lock-sha256';
const LOCK_STALE_MS = 10 * 60_000;

/** The packages the folder pins, by name. */
export function otel3xPackageNames(dir = otel3xDir): Set<string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return new Set(Object.keys(manifest.dependencies ?? {}));
}

function lockHash(dir: string): string {
  return createHash('sha256').update(fs.readFileSync(path.join(dir, 'package-lock.json'))).digest('hex');
}

function installedHash(dir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(dir, 'node_modules', STAMP), 'utf8').trim();
  } catch {
    return undefined;
  }
}

async function waitForLock(lock: string): Promise<() => void> {
  for (;;) {
    try {
      fs.mkdirSync(lock);
      return () => fs.rmSync(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left behind by a killed install must not block every later check.
      const held = fs.statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * Installs the folder's locked packages with `npm ci` unless the installed set already matches
 * the lock file, and returns the folder. Two checks started together install once.
 */
export async function ensureOtel3xInstall(dir = otel3xDir): Promise<string> {
  const wanted = lockHash(dir);
  if (installedHash(dir) === wanted) return dir;
  const release = await waitForLock(path.join(dir, '.installing'));
  try {
    if (installedHash(dir) === wanted) return dir;
    await promisify(execFile)('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
      maxBuffer: 64 << 20,
    });
    fs.writeFileSync(path.join(dir, 'node_modules', STAMP), wanted);
    return dir;
  } finally {
    release();
  }
}
