/**
 * The fixture-only proof: the engine's tests must not depend on this course's content. Makes a
 * git worktree of HEAD (committed work only) beside this one, replaces its content/ with the
 * fixture course (tests/fixtures/course), and runs there the engine's unit tests and e2e tests
 * (the `engine` projects; the `course` ones are about this course's content and are left out).
 *   node scripts/fixture-proof.ts [--dir <path>] [--keep] [--no-e2e]
 * COURSE_TEST_PORT sets the e2e site's port (default 4410, so as not to meet a normal test run).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/course/paths.ts';
import { parseCommandLine, portFromEnv, runCommand } from './cli.ts';

const USAGE = 'Usage: npm run fixture-proof [-- --dir <path>] [--keep] [--no-e2e]';

export function parseFixtureProofArgs(args: readonly string[]) {
  const { values } = parseCommandLine(args, {
    dir: { type: 'string' },
    keep: { type: 'boolean' },
    'no-e2e': { type: 'boolean' },
  });
  return {
    dir: path.resolve(values.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-proof-'))),
    keep: values.keep === true,
    e2e: values['no-e2e'] !== true,
    port: portFromEnv('COURSE_TEST_PORT', 4410),
  };
}

/** Runs a command in `cwd`, its output shown as it comes; returns its exit status. */
function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  console.log(`\n$ ${[command, ...args].join(' ')}   (in ${cwd})`);
  return spawnSync(command, args, { cwd, env, stdio: 'inherit' }).status ?? 1;
}

function must(status: number, what: string): void {
  if (status !== 0) throw new Error(`${what} failed (exit ${status})`);
}

await runCommand(USAGE, () => parseFixtureProofArgs(process.argv.slice(2)), ({ dir, keep, e2e, port }) => {
  fs.rmSync(dir, { recursive: true, force: true });
  must(run(projectRoot, 'git', ['worktree', 'add', '--detach', dir, 'HEAD']), 'git worktree add');
  try {
    // Hard links: the copy costs no space or time, and a fresh install is not what is tested.
    must(run(projectRoot, 'cp', ['-al', path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules')]), 'linking node_modules');
    // Caches are written in place; the copy gets its own.
    for (const cache of ['.cache', '.vite', '.astro']) fs.rmSync(path.join(dir, 'node_modules', cache), { recursive: true, force: true });
    const content = path.join(dir, 'content');
    fs.rmSync(content, { recursive: true, force: true });
    fs.cpSync(path.join(dir, 'tests/fixtures/course'), content, { recursive: true });

    const env = { ...process.env, COURSE_TEST_PORT: String(port), COURSE_CONTENT_TEST_PORT: String(port + 10) };
    const unit = run(dir, 'npm', ['run', 'test:unit', '--', '--project', 'engine'], env);
    const browser = e2e ? run(dir, 'npx', ['playwright', 'test', '--project=engine'], env) : 0;
    console.log(`\nWith content/ replaced by the fixture course: engine unit tests ${unit === 0 ? 'passed' : 'FAILED'}` +
      (e2e ? `, engine e2e tests ${browser === 0 ? 'passed' : 'FAILED'}.` : ' (e2e not run).'));
    process.exitCode = unit === 0 && browser === 0 ? 0 : 1;
  } finally {
    if (keep) console.log(`The copy stays at ${dir}.`);
    else run(projectRoot, 'git', ['worktree', 'remove', '--force', dir]);
  }
});
