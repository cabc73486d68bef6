import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../course/paths.ts';

export const harnessSource = path.join(projectRoot, 'sandboxes/node/harness.ts');
export const harnessBundle = path.join(projectRoot, 'sandboxes/node/dist/harness.cjs');

/** Newest modification time of the files the bundle is made from. */
function sourcesChangedAt(): number {
  const dirs = ['sandboxes/node', 'sandboxes/harness', 'sandboxes/wire', 'src/trace'].map((d) => path.join(projectRoot, d));
  let newest = 0;
  for (const dir of dirs) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(path.join(dir, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Builds the Node harness bundle when it is missing or older than its sources. */
export async function buildNodeHarness(options: { force?: boolean } = {}): Promise<string> {
  if (!options.force && fs.existsSync(harnessBundle) && fs.statSync(harnessBundle).mtimeMs >= sourcesChangedAt()) {
    return harnessBundle;
  }
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [harnessSource],
    outfile: harnessBundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // WebContainers run Node 18 and 20; host Node here runs 22.
    target: 'node18',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return harnessBundle;
}
