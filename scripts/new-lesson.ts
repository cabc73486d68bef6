/**
 * Scaffolds a lesson in the content folder (COURSE_CONTENT_DIR, default content/):
 *   npm run new:lesson -- <slug> [--title "Lesson title"]
 * Writes lessons/NN-<slug>.mdx, numbered and ordered after the last lesson. Never overwrites;
 * exits 2 with a message for a bad slug or a slug that is taken.
 */
import { resolveCoursePaths } from '../src/course/paths.ts';
import { parseCommandLine, runCommand, UsageError } from './cli.ts';
import { ScaffoldError, shortPath } from './scaffold/content-folder.ts';
import { scaffoldLesson } from './scaffold/lesson.ts';

const usage = 'Usage: npm run new:lesson -- <slug> [--title "Lesson title"]';

export interface NewLessonArgs {
  /** Checked by the scaffold, which names what is wrong with it. */
  slug: string | undefined;
  title?: string;
}

export function parseNewLessonArgs(args: readonly string[]): NewLessonArgs {
  const { positionals, values } = parseCommandLine(args, { title: { type: 'string' } }, { names: ['slug'] });
  return { slug: positionals[0], ...(values.title === undefined ? {} : { title: values.title }) };
}

function main({ slug, title }: NewLessonArgs): void {
  const { contentDir } = resolveCoursePaths();
  try {
    const lesson = scaffoldLesson(contentDir, slug, title === undefined ? {} : { title });
    console.log(`Created ${shortPath(lesson.file)} (order ${lesson.order}, URL /lessons/${lesson.slug}/).`);
    console.log('Next: write it (docs/writing-lessons.md), then run `npm run check:content` and `npm run dev`.');
  } catch (error) {
    throw error instanceof ScaffoldError ? new UsageError(error.message) : error;
  }
}

if (import.meta.main) await runCommand(usage, () => parseNewLessonArgs(process.argv.slice(2)), main);
