/**
 * The built course the browser sections measure. A full run builds the course itself
 * (`npm run build`) and serves it with `astro preview`; a quick run builds the small fixture
 * course into a scratch folder and serves that.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchOutDir } from '../src/course/paths.ts';
import { serveStatic } from '../src/grading/static-server.ts';
import { buildCourse } from './build.ts';
import { servePreview, type Scale } from './lib.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURE_COURSE = path.join(root, 'tests/fixtures/course');

export interface BenchSite {
  /** Origin of the served site, without a trailing slash. */
  url: string;
  /** The build's `_astro` folder. */
  astroDir: string;
  /** The content folder that was built. */
  contentDir: string;
  /** Build time, when this run built a course of its own (quick runs). */
  buildSeconds?: number;
  close(): Promise<void>;
}

function npmRun(script: string): void {
  const result = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (${result.error?.message ?? `exit ${result.status}`})`);
}

export async function prepareSite(scale: Scale, port: number): Promise<BenchSite> {
  if (scale === 'full') {
    npmRun('build');
    const server = await servePreview(port);
    const close = async () => server.close();
    return { url: server.url, astroDir: path.join(root, 'dist', '_astro'), contentDir: path.join(root, 'content'), close };
  }
  npmRun('build:generated');
  const outDir = scratchOutDir('bench-quick');
  try {
    const buildSeconds = buildCourse(FIXTURE_COURSE, outDir);
    const server = await serveStatic(outDir, { port });
    const close = async () => {
      await server.close();
      fs.rmSync(outDir, { recursive: true, force: true });
    };
    return { url: server.url, astroDir: path.join(outDir, '_astro'), contentDir: FIXTURE_COURSE, buildSeconds, close };
  } catch (error) {
    fs.rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}
