/**
 * Scaffolds an exercise in the content folder (COURSE_CONTENT_DIR, default content/):
 *   npm run new:exercise -- <id> --lesson <lesson-slug> [--objective <number or text>]... [--title "Exercise title"] [--kind <kind>]
 * Writes exercises/<id>/ with the files of its kind (scripts/scaffold/exercise-kinds.ts): for a
 * program, exercise.yaml, scenario.ts, starter.ts, solution.ts and checks.ts; for a Collector
 * configuration, exercise.yaml, starter.yaml, solution.yaml, traces.ts and checks.ts; for a
 * trace-reading exercise, exercise.yaml, trace.ts, starter.yaml, solution.yaml and checks.ts; which pass
 * `npm run check:content` once embedded. exercise.yaml names the lesson objectives the exercise
 * practises: those given with --objective, the lesson's only one, or, in a terminal, the ones
 * the author picks when asked. Never overwrites; exits 2 with a message for a bad id, an unknown
 * lesson, kind or objective, or an id that is taken.
 */
import { createInterface } from 'node:readline/promises';
import { resolveCoursePaths } from '../src/course/paths.ts';
import { parseCommandLine, runCommand, UsageError } from './cli.ts';
import { ScaffoldError, shortPath } from './scaffold/content-folder.ts';
import { exerciseKind, lessonForExercise, scaffoldExercise } from './scaffold/exercise.ts';
import { exerciseScaffolds } from './scaffold/exercise-kinds.ts';
import { askObjectives } from './scaffold/objective-choice.ts';

const usage = `Usage: npm run new:exercise -- <id> --lesson <lesson-slug> [--objective <number or text>]... [--title "Exercise title"] [--kind ${Object.keys(exerciseScaffolds).join('|')}]`;

export interface NewExerciseArgs {
  /** Checked by the scaffold, which names what is wrong with it. */
  id: string | undefined;
  /** The slug of the lesson the exercise belongs to; the scaffold lists the known ones. */
  lesson: string;
  title?: string;
  /** One of the kinds in scripts/scaffold/exercise-kinds.ts; `program` by default. */
  kind?: string;
  /** The lesson objectives the exercise practises: numbers from the lesson's list, or texts. */
  objectives?: string[];
}

export function parseNewExerciseArgs(args: readonly string[]): NewExerciseArgs {
  const { positionals, values } = parseCommandLine(
    args,
    { lesson: { type: 'string' }, title: { type: 'string' }, kind: { type: 'string' }, objective: { type: 'string', multiple: true } },
    { names: ['exercise id'] },
  );
  if (values.lesson === undefined) throw new UsageError('Missing --lesson <lesson-slug>: the lesson the exercise belongs to.');
  return {
    id: positionals[0],
    lesson: values.lesson,
    ...(values.title === undefined ? {} : { title: values.title }),
    ...(values.kind === undefined ? {} : { kind: values.kind }),
    ...(values.objective === undefined ? {} : { objectives: values.objective }),
  };
}

/** In a terminal, asks for the objectives a lesson with several needs; elsewhere the scaffold's error lists them. */
async function objectivesToUse(contentDir: string, { lesson, kind, objectives }: NewExerciseArgs): Promise<string[] | undefined> {
  if (objectives !== undefined || !process.stdin.isTTY) return objectives;
  const { file, objectives: ofLesson } = lessonForExercise(contentDir, lesson);
  exerciseKind(kind);
  if (ofLesson.length <= 1) return undefined;
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await askObjectives(ofLesson, `lessons/${file}`, (question) => terminal.question(question));
  } finally {
    terminal.close();
  }
}

async function main(args: NewExerciseArgs): Promise<void> {
  const { contentDir } = resolveCoursePaths();
  try {
    const objectives = await objectivesToUse(contentDir, args);
    const { id, lesson, title, kind } = args;
    const exercise = scaffoldExercise(contentDir, id, { lesson, ...(title === undefined ? {} : { title }), ...(kind === undefined ? {} : { kind }), ...(objectives === undefined ? {} : { objectives }) });
    console.log(`Created ${shortPath(exercise.dir)}/ with ${exercise.files.join(', ')}.`);
    console.log(`Next: embed it in ${exercise.lessonFile} with <Exercise id="${exercise.id}" />, make it yours`);
    console.log(`(content/exercises/README.md), then check it: npm run grade -- ${exercise.id} and npm run check:content.`);
  } catch (error) {
    throw error instanceof ScaffoldError ? new UsageError(error.message) : error;
  }
}

if (import.meta.main) await runCommand(usage, () => parseNewExerciseArgs(process.argv.slice(2)), main);
