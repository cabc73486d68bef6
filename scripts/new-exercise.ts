/**
 * Scaffolds an exercise in the content folder (COURSE_CONTENT_DIR, default content/):
 *   npm run new:exercise -- <id> --lesson <lesson-slug> [--title "Exercise title"]
 * Writes exercises/<id>/ with exercise.yaml, scenario.ts, starter.ts, solution.ts and checks.ts,
 * which pass `npm run check:content` as generated. Never overwrites; exits 2 with a message for
 * a bad id, an unknown lesson or an id that is taken.
 */
import { parseArgs } from 'node:util';
import { resolveCoursePaths } from '../src/course/paths.ts';
import { ScaffoldError, shortPath } from './scaffold/content-folder.ts';
import { scaffoldExercise } from './scaffold/exercise.ts';

const usage = 'Usage: npm run new:exercise -- <id> --lesson <lesson-slug> [--title "Exercise title"]';

try {
  const { positionals, values } = parseArgs({
    options: { lesson: { type: 'string' }, title: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length > 1) throw new ScaffoldError(`Expected one exercise id, got ${positionals.length}: ${positionals.join(' ')}. Quote a title with spaces.`);
  if (values.lesson === undefined) throw new ScaffoldError('Missing --lesson <lesson-slug>: the lesson the exercise belongs to.');
  const { contentDir } = resolveCoursePaths();
  const exercise = scaffoldExercise(contentDir, positionals[0], {
    lesson: values.lesson,
    ...(values.title === undefined ? {} : { title: values.title }),
  });
  console.log(`Created ${shortPath(exercise.dir)}/ with ${exercise.files.join(', ')}.`);
  console.log(`Next: embed it in ${exercise.lessonFile} with <Exercise id="${exercise.id}" />, make it yours`);
  console.log(`(content/exercises/README.md), then check it: npm run grade -- ${exercise.id} and npm run check:content.`);
} catch (error) {
  if (!(error instanceof ScaffoldError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) throw error;
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
