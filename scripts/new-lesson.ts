/**
 * Scaffolds a lesson in the content folder (COURSE_CONTENT_DIR, default content/):
 *   npm run new:lesson -- <slug> [--title "Lesson title"]
 * Writes lessons/NN-<slug>.mdx, numbered and ordered after the last lesson. Never overwrites;
 * exits 2 with a message for a bad slug or a slug that is taken.
 */
import { parseArgs } from 'node:util';
import { resolveCoursePaths } from '../src/course/paths.ts';
import { ScaffoldError, shortPath } from './scaffold/content-folder.ts';
import { scaffoldLesson } from './scaffold/lesson.ts';

const usage = 'Usage: npm run new:lesson -- <slug> [--title "Lesson title"]';

try {
  const { positionals, values } = parseArgs({ options: { title: { type: 'string' } }, allowPositionals: true });
  if (positionals.length > 1) throw new ScaffoldError(`Expected one slug, got ${positionals.length}: ${positionals.join(' ')}. Quote a title with spaces.`);
  const { contentDir } = resolveCoursePaths();
  const lesson = scaffoldLesson(contentDir, positionals[0], values.title === undefined ? {} : { title: values.title });
  console.log(`Created ${shortPath(lesson.file)} (order ${lesson.order}, URL /lessons/${lesson.slug}/).`);
  console.log('Next: write it (docs/writing-lessons.md), then run `npm run check:content` and `npm run dev`.');
} catch (error) {
  if (!(error instanceof ScaffoldError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) throw error;
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
