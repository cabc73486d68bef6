/**
 * Bundles the grading page of `check:content`'s Worker pass (page.ts) with the site's Vite
 * settings for what it shares with the site: the checks of the course in `contentDir`, `#checks`
 * and module Workers. A few seconds, where a build of the whole site takes twenty.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { courseChecks } from '../../course/checks-module.ts';
import { projectRoot, scratchOutDir } from '../../course/paths.ts';

const ENTRY = 'grader.js';

/** Builds the page into a fresh folder and returns it: `index.html` loads the grader. */
async function buildGradingPage(contentDir: string): Promise<string> {
  const { build } = await import('vite');
  const outDir = scratchOutDir('worker-pass');
  await build({
    configFile: false,
    root: projectRoot,
    logLevel: 'error',
    base: './',
    resolve: { alias: { '#checks': path.join(projectRoot, 'src/checks/index.ts') } },
    plugins: [courseChecks(contentDir)],
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: true,
      // Nobody downloads it: it runs on this machine once.
      minify: false,
      reportCompressedSize: false,
      modulePreload: false,
      copyPublicDir: false,
      rollupOptions: { input: path.join(projectRoot, 'src/grading/worker-pass/page.ts'), output: { entryFileNames: ENTRY } },
    },
  });
  fs.writeFileSync(
    path.join(outDir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>check:content</title><script type="module" src="./${ENTRY}"></script></head><body></body></html>\n`,
  );
  return outDir;
}

/**
 * Builds the page in a child process, so that the bundler does not hold this thread while it
 * checks the text and reads the programs' output; resolves the output folder.
 */
export function buildGradingPageApart(contentDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), contentDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8_000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout.trim()) : reject(new Error(stderr.trim() || `exit ${code}`))));
  });
}

if (import.meta.main) process.stdout.write(`${await buildGradingPage(process.argv[2]!)}\n`);
