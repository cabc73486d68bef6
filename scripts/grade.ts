/**
 * Grades a file for an exercise in host Node.
 *   npm run grade -- <exercise-id> [file.ts|file.yaml] [--json] [--seed N]
 * Without a file, grades the exercise's starter. Exits 0 only when every check passes.
 * `--seed` replays the hidden run of an earlier grading (its seed is in the failure message).
 * The JSON has the shape of Exercism's test-runner results.json (version 2).
 */
import fs from 'node:fs';
import { resolveCoursePaths } from '../src/course/paths.ts';
import { ExerciseError, listExercises, loadExercise } from '../src/exercises/load.ts';
import { gradeSubmission } from '../src/grading/grade.ts';
import { NodeRuntime } from '../src/runtime/node-runtime.ts';
import { RunSession } from '../src/runtime/run-session.ts';
import { oneOf, parseCommandLine, runCommand, UsageError } from './cli.ts';

export interface GradeArgs {
  id: string;
  /** The learner's file; the exercise's starter when absent. */
  file?: string;
  json: boolean;
  /** The seed of the hidden run. */
  seed?: number;
}

/** `exercises`: the ids of the course's exercises, one of which must be named. */
export function parseGradeArgs(args: readonly string[], exercises: readonly string[]): GradeArgs {
  const { values, positionals } = parseCommandLine(args, { json: { type: 'boolean', default: false }, seed: { type: 'string' } }, { names: ['exercise id', 'file'] });
  if (positionals[0] === undefined) throw new UsageError(`missing the exercise id; use one of: ${exercises.join(', ')}`);
  const id = oneOf('exercise', positionals[0], exercises);
  const file = positionals[1];
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0)) throw new UsageError(`--seed must be a whole number >= 0, not ${values.seed}`);
  return { id, json: values.json, ...(file === undefined ? {} : { file }), ...(seed === undefined ? {} : { seed }) };
}

async function main({ id, file, json, seed }: GradeArgs): Promise<void> {
  const { contentDir } = resolveCoursePaths();
  try {
    const exercise = loadExercise(contentDir, id);
    if (file && !fs.existsSync(file)) throw new ExerciseError(`No file ${file}.`);
    const code = file ? fs.readFileSync(file, 'utf8') : exercise.starter;
    const { results } = await gradeSubmission(exercise, code, new RunSession(new NodeRuntime()), { seed });
    if (json) {
      console.log(JSON.stringify(results, null, 2));
    } else {
      console.log(`${exercise.meta.title} (${id}): ${results.status}${results.message ? `\n${results.message}` : ''}\n`);
      for (const test of results.tests) {
        const mark = test.status === 'pass' ? '✓' : test.status === 'fail' ? '✗' : '!';
        console.log(`${mark} ${test.name}${test.message ? `\n    ${test.message.split('\n').join('\n    ')}` : ''}`);
      }
      const passed = results.tests.filter((t) => t.status === 'pass').length;
      console.log(`\n${passed} passed, ${results.tests.length - passed} failed`);
    }
    process.exit(results.status === 'pass' ? 0 : 1);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (json) console.log(JSON.stringify({ version: 2, status: 'error', message, tests: [] }, null, 2));
    else console.error(message);
    process.exit(2);
  }
}

if (import.meta.main) {
  const exercises = listExercises(resolveCoursePaths().contentDir);
  await runCommand('Usage: npm run grade -- <exercise-id> [file.ts|file.yaml] [--json] [--seed N]', () => parseGradeArgs(process.argv.slice(2), exercises), main);
}
