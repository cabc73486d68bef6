/**
 * Scaffolds an exercise in the content folder (COURSE_CONTENT_DIR, default content/):
 *   npm run new:exercise -- <id> --lesson <lesson-slug> [--title "Exercise title"] [--kind program|collector-config|trace-reading]
 * Writes exercises/<id>/ with exercise.yaml, scenario.ts, starter.ts, solution.ts and checks.ts
 * (a program), or exercise.yaml, starter.yaml, solution.yaml, traces.ts and checks.ts (a Collector
 * configuration),
 * which pass `npm run check:content` as generated. Never overwrites; exits 2 with a message for
 * a bad id, an unknown lesson or an id that is taken.
 */
import { resolveCoursePaths } from '../src/course/paths.ts';
import { parseCommandLine, runCommand, UsageError } from './cli.ts';
import { ScaffoldError, shortPath } from './scaffold/content-folder.ts';
import { scaffoldExercise } from './scaffold/exercise.ts';

const usage = 'Usage: npm run new:exercise -- <id> --lesson <lesson-slug> [--title "Exercise title"] [--kind program|collector-config|trace-reading]';

export interface NewExerciseArgs {
  /** Checked by the scaffold, which names what is wrong with it. */
  id: string | undefined;
  /** The slug of the lesson the exercise belongs to; the scaffold lists the known ones. */
  lesson: string;
  title?: string;
  /** `program` (the default), `collector-config` or `trace-reading`. */
  kind?: string;
}

export function parseNewExerciseArgs(args: readonly string[]): NewExerciseArgs {
  const { positionals, values } = parseCommandLine(args, { lesson: { type: 'string' }, title: { type: 'string' }, kind: { type: 'string' } }, { names: ['exercise id'] });
  if (values.lesson === undefined) throw new UsageError('Missing --lesson <lesson-slug>: the lesson the exercise belongs to.');
  return { id: positionals[0], lesson: values.lesson, ...(values.title === undefined ? {} : { title: values.title }), ...(values.kind === undefined ? {} : { kind: values.kind }) };
}

function main({ id, lesson, title, kind }: NewExerciseArgs): void {
  const { contentDir } = resolveCoursePaths();
  try {
    const exercise = scaffoldExercise(contentDir, id, { lesson, ...(title === undefined ? {} : { title }), ...(kind === undefined ? {} : { kind }) });
    console.log(`Created ${shortPath(exercise.dir)}/ with ${exercise.files.join(', ')}.`);
    console.log(`Next: embed it in ${exercise.lessonFile} with <Exercise id="${exercise.id}" />, make it yours`);
    console.log(`(content/exercises/README.md), then check it: npm run grade -- ${exercise.id} and npm run check:content.`);
  } catch (error) {
    throw error instanceof ScaffoldError ? new UsageError(error.message) : error;
  }
}

if (import.meta.main) await runCommand(usage, () => parseNewExerciseArgs(process.argv.slice(2)), main);
