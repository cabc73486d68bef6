import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { scratchOutDir } from '../../src/course/paths.ts';
import { lockAstro, lockAstroSync } from './astro-lock.ts';
import { repoRoot } from './content.ts';

export interface BuildResult {
  status: number | null;
  /** stdout and stderr together, without colour codes. */
  output: string;
  outDir: string;
}

/**
 * Vitest puts Vite's own variables (BASE_URL, MODE, ...) into the environment, and NODE_ENV=test,
 * under which `astro build` makes a site that believes it is in development (no search, for
 * one); a child build must not inherit them.
 */
export function inheritedEnv(): NodeJS.ProcessEnv {
  const { BASE_URL: _base, MODE: _mode, DEV: _dev, PROD: _prod, SSR: _ssr, NODE_ENV: _nodeEnv, ...inherited } = process.env;
  return inherited;
}

function whileLocked<T>(run: () => T): T {
  const release = lockAstroSync();
  try {
    return run();
  } finally {
    release();
  }
}

const ASTRO = path.join(repoRoot, 'node_modules/astro/bin/astro.mjs');

export interface AstroProcess {
  /** Everything it printed so far, stdout and stderr together. */
  output(): string;
  /** Ends it; resolves once it has exited and the lock is free. */
  stop(): Promise<void>;
}

/**
 * A long-running Astro command (`dev`, `preview`) with `env` as its whole environment. It holds
 * the Astro lock (astro-lock.ts) until it exits.
 */
export async function startAstro(args: readonly string[], env: NodeJS.ProcessEnv): Promise<AstroProcess> {
  const release = await lockAstro();
  let output = '';
  const child = spawn(process.execPath, [ASTRO, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve(release())));
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    output: () => output,
    stop: () => {
      child.kill();
      return exited;
    },
  };
}

/** `astro build` of a content folder into a fresh output folder, as an instructor would run it. */
export function buildCourse(contentDir: string, env: Record<string, string> = {}): BuildResult {
  const outDir = scratchOutDir('test');
  const result = whileLocked(() =>
    spawnSync(process.execPath, [ASTRO, 'build'], {
      cwd: repoRoot,
      env: { ...inheritedEnv(), COURSE_CONTENT_DIR: contentDir, COURSE_OUT_DIR: outDir, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      encoding: 'utf8',
      timeout: 300_000,
    }),
  );
  // eslint-disable-next-line no-control-regex
  const output = `${result.stdout}\n${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
  return { status: result.status, output, outDir };
}
