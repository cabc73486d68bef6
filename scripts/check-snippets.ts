/**
 * Type-checks every TypeScript code block of the lessons: against the installed 2.x packages,
 * and blocks marked `otel=3` against the 3.x line in scripts/otel-3x (installed on first use).
 *   npm run check:snippets [-- content/lessons/03-custom-spans.mdx ...]
 * Exits 1 and prints `lesson-file:line:column` for each error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkSnippets } from '../src/course/snippet-check.ts';
import { resolveCoursePaths } from '../src/course/paths.ts';
import { oneOf, parseCommandLine, runCommand } from './cli.ts';

const usage = 'Usage: npm run check:snippets [-- <lesson.mdx> ...]  (every lesson without files)';

export interface CheckSnippetsArgs {
  /** Absolute paths of the lessons to check; every lesson when absent. */
  files?: string[];
}

/** `lessons`: the lesson files of the course, as paths relative to `cwd` (how they are named on the command line). */
export function parseCheckSnippetsArgs(args: readonly string[], lessons: readonly string[], cwd = process.cwd()): CheckSnippetsArgs {
  const { positionals } = parseCommandLine(args, {}, { names: ['lesson file'], rest: true });
  if (positionals.length === 0) return {};
  const files = positionals.map((file) => path.resolve(cwd, oneOf('lesson file', path.relative(cwd, path.resolve(cwd, file)), lessons)));
  return { files };
}

/** The course's lesson files, relative to the working directory. */
function lessonFiles(contentDir: string): string[] {
  const dir = path.join(contentDir, 'lessons');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.mdx')).sort().map((f) => path.relative(process.cwd(), path.join(dir, f)));
}

async function main({ files }: CheckSnippetsArgs): Promise<void> {
  const { contentDir } = resolveCoursePaths();
  const result = await checkSnippets({ contentDir, files });
  for (const s of result.skipped) console.log(`${s.file}:${s.line} not type-checked: ${s.reason || '(no reason given)'}`);
  for (const e of result.errors) console.error(`${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`);
  console.log(
    `${result.blocks} TypeScript block(s) in ${result.lessons} lesson(s) (${result.otel3Blocks} against SDK 3.x), ` +
      `${result.skipped.length} not type-checked: ${result.errors.length} error(s).`,
  );
  process.exit(result.errors.length ? 1 : 0);
}

if (import.meta.main) {
  const lessons = lessonFiles(resolveCoursePaths().contentDir);
  await runCommand(usage, () => parseCheckSnippetsArgs(process.argv.slice(2), lessons), main);
}
