import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './content.ts';

/**
 * One Astro process of the repository at a time, across Vitest's workers: every `astro build`,
 * `dev` and `preview` writes the project's own .astro/ folder (content modules, settings), and a
 * build that reads another's content modules fails rendering a lesson. The lock is a directory
 * (mkdir is atomic) holding its owner's pid, so a worker that died does not keep it.
 */
const LOCK = path.join(repoRoot, 'node_modules', '.cache', 'astro-process.lock');
const OWNER = path.join(LOCK, 'owner');
const POLL_MS = 200;
/** Longer than any one build or server of the tests: past it, something is stuck. */
const GIVE_UP_MS = 600_000;

function tryLock(): boolean {
  try {
    fs.mkdirSync(path.dirname(LOCK), { recursive: true });
    fs.mkdirSync(LOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (ownerIsAlive()) return false;
    // Its owner died holding it.
    fs.rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
  fs.writeFileSync(OWNER, String(process.pid));
  return true;
}

function ownerIsAlive(): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(OWNER, 'utf8'));
  } catch {
    // Just made, its pid not yet written.
    return true;
  }
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function releaser(): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    fs.rmSync(LOCK, { recursive: true, force: true });
  };
}

const waitedTooLong = () => new Error(`no Astro process of the tests could start for ${GIVE_UP_MS / 1000} s: ${LOCK} is held`);

/** Takes the lock, waiting for it; returns its release. For code that must stay synchronous (spawnSync). */
export function lockAstroSync(): () => void {
  const started = Date.now();
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  while (!tryLock()) {
    if (Date.now() - started > GIVE_UP_MS) throw waitedTooLong();
    Atomics.wait(sleeper, 0, 0, POLL_MS);
  }
  return releaser();
}

/** Takes the lock, waiting for it without blocking the event loop; returns its release. */
export async function lockAstro(): Promise<() => void> {
  const started = Date.now();
  while (!tryLock()) {
    if (Date.now() - started > GIVE_UP_MS) throw waitedTooLong();
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return releaser();
}
