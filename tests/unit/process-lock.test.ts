import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { processLock } from '../helpers/astro-lock.ts';

const lockDir = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'process-lock-')), 'lock');

describe('the lock the tests that run Astro take turns with', () => {
  it('is held by one taker at a time, and the next gets it once it is released', async () => {
    const dir = lockDir();
    const release = await processLock(dir).lock();
    expect(fs.readFileSync(path.join(dir, 'owner'), 'utf8')).toBe(String(process.pid));
    expect(() => processLock(dir, 500).lockSync()).toThrow(/waited 0.5 s for .*another process holds it/);
    await expect(processLock(dir, 500).lock()).rejects.toThrow(/another process holds it/);

    const next = processLock(dir).lock();
    release();
    const releaseNext = await next;
    expect(fs.existsSync(dir)).toBe(true);
    releaseNext();
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('is taken from an owner that died holding it', () => {
    const dir = lockDir();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'owner'), String(dead));
    const release = processLock(dir, 5_000).lockSync();
    expect(fs.readFileSync(path.join(dir, 'owner'), 'utf8')).toBe(String(process.pid));
    release();
  });
});
