/**
 * `node scripts/serve.ts [--port 4321]`: serves the built course (COURSE_OUT_DIR, or dist/) on
 * 127.0.0.1 as a static host does, with the isolation headers the deploy configs send, until
 * stopped. The end-to-end tests use it: unlike `astro preview`, it does not compress every
 * response again on each request, CPU the tests' browsers need.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveCoursePaths } from '../src/course/paths.ts';
import { serveStatic } from '../src/grading/static-server.ts';
import { parseCommandLine, runCommand, UsageError } from './cli.ts';

await runCommand(
  'usage: node scripts/serve.ts [--port <number>]',
  () => {
    const { values } = parseCommandLine(process.argv.slice(2), { port: { type: 'string', default: '4321' } });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be a port number, not '${values.port}'`);
    return port;
  },
  async (port) => {
    const { outDir } = resolveCoursePaths();
    if (!fs.existsSync(path.join(outDir, 'index.html'))) {
      console.error(`${outDir} holds no built course (no index.html): run npm run build first.`);
      process.exit(1);
    }
    const server = await serveStatic(outDir, { port });
    console.log(`serving ${outDir} at ${server.url}/`);
  },
);
