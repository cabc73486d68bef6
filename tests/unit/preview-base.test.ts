import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCourse, inheritedEnv } from '../helpers/build.ts';
import { fixtureCourse, repoRoot } from '../helpers/content.ts';

const stops: Array<() => void> = [];
afterAll(() => stops.forEach((stop) => stop()));

describe('npm run preview after a COURSE_BASE build', () => {
  it('serves the build at its base path without COURSE_BASE being set again', async () => {
    const { status, output, outDir } = buildCourse(fixtureCourse, { COURSE_BASE: '/course/' });
    expect(status, output).toBe(0);

    let log = '';
    const { COURSE_BASE: _unset, ...env } = inheritedEnv();
    const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules/astro/bin/astro.mjs'), 'preview', '--port', '0'], {
      cwd: repoRoot,
      env: { ...env, COURSE_CONTENT_DIR: fixtureCourse, COURSE_OUT_DIR: outDir, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stops.push(() => child.kill());
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await expect.poll(() => log, { timeout: 60_000, interval: 250 }).toMatch(/Local\s+http:\/\/\S+/);
    const origin = new URL(/Local\s+(http:\/\/\S+)/.exec(log)![1]!).origin;

    const lesson = await fetch(`${origin}/course/lessons/first-steps/`);
    expect(lesson.status).toBe(200);
    expect(await lesson.text()).toContain('First steps');
    expect(log).toContain('Serving the build at /course/');
  });
});
