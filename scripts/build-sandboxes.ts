/**
 * Bundles the Node sandbox harness (with the OpenTelemetry Node SDK) into one file that host
 * Node and WebContainers run as it is: `sandboxes/node/dist/harness.cjs`.
 *   node scripts/build-sandboxes.ts
 */
import { buildNodeHarness } from '../src/runtime/node-harness-bundle.ts';
import { parseCommandLine, runCommand } from './cli.ts';

await runCommand(
  'Usage: npm run build:sandboxes',
  () => parseCommandLine(process.argv.slice(2), {}),
  async () => {
    const started = performance.now();
    const file = await buildNodeHarness({ force: true });
    // On stderr: stdout of the commands that build first (`npm run grade -- ... --json`) is data.
    console.error(`Built ${file} in ${Math.round(performance.now() - started)} ms.`);
  },
);
