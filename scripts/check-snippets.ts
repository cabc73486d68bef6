/**
 * Type-checks every TypeScript code block of the lessons: against the installed 2.x packages,
 * and blocks marked `otel=3` against the 3.x line in scripts/otel-3x (installed on first use).
 *   npm run check:snippets [-- content/lessons/03-custom-spans.mdx ...]
 * Exits 1 and prints `lesson-file:line:column` for each error.
 */
import { checkSnippets } from '../src/course/snippet-check.ts';
import { resolveCoursePaths } from '../src/course/paths.ts';

const files = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const { contentDir } = resolveCoursePaths();
const result = await checkSnippets({ contentDir, files: files.length ? files : undefined });
for (const s of result.skipped) console.log(`${s.file}:${s.line} not type-checked: ${s.reason || '(no reason given)'}`);
for (const e of result.errors) console.error(`${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`);
console.log(
  `${result.blocks} TypeScript block(s) in ${result.lessons} lesson(s) (${result.otel3Blocks} against SDK 3.x), ` +
    `${result.skipped.length} not type-checked: ${result.errors.length} error(s).`,
);
process.exit(result.errors.length ? 1 : 0);
