import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './content.ts';

const POLL_MS = 200;
/** Longer than any one build or server of the tests: past it, something is stuck. */
const GIVE_UP_MS = 600_000;

export interface ProcessLock {
  /** Takes the lock, waiting for it; returns its release. For code that must stay synchronous (spawnSync). */
  lockSync(): () => void;
  /** Takes the lock, waiting for it without blocking the event loop; returns its release. */
  lock(): Promise<() => void>;
}

/** A lock between processes at `dir`, which must not exist while nobody holds it. */
export function processLock(dir: string, giveUpMs = GIVE_UP_MS): ProcessLock {
  const owner = path.join(dir, 'owner');

  const ownerIsAlive = (): boolean => {
    let pid: number;
    try {
      pid = Number(fs.readFileSync(owner, 'utf8'));
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
  };

  const tryLock = (): boolean => {
    try {
      fs.mkdirSync(path.dirname(dir), { recursive: true });
      fs.mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Its owner died holding it: free it for the next try.
      if (!ownerIsAlive()) fs.rmSync(dir, { recursive: true, force: true });
      return false;
    }
    fs.writeFileSync(owner, String(process.pid));
    return true;
  };

  const releaser = (): (() => void) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      fs.rmSync(dir, { recursive: true, force: true });
    };
  };

  const waitedTooLong = () => new Error(`waited ${giveUpMs / 1000} s for ${dir}: another process holds it`);

  return {
    lockSync() {
      const started = Date.now();
      const sleeper = new Int32Array(new SharedArrayBuffer(4));
      while (!tryLock()) {
        if (Date.now() - started > giveUpMs) throw waitedTooLong();
        Atomics.wait(sleeper, 0, 0, POLL_MS);
      }
      return releaser();
    },
    async lock() {
      const started = Date.now();
      while (!tryLock()) {
        if (Date.now() - started > giveUpMs) throw waitedTooLong();
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      return releaser();
    },
  };
}

/**
 * One Astro process of the repository at a time, across Vitest's workers: every `astro build`,
 * `dev` and `preview` writes the project's own .astro/ folder (content modules, settings), and a
 * build that reads another's content modules fails rendering a lesson. The lock is a directory
 * (mkdir is atomic) holding its owner's pid, so a worker that died does not keep it.
 */
const astro = processLock(path.join(repoRoot, 'node_modules', '.cache', 'astro-process.lock'));
export const lockAstroSync = (): (() => void) => astro.lockSync();
export const lockAstro = (): Promise<() => void> => astro.lock();
