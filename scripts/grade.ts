/**
 * Grades a file for an exercise in host Node.
 *   npm run grade -- <exercise-id> [file.ts] [--json]
 * Without a file, grades the exercise's starter. Exits 0 only when every check passes.
 * The JSON has the shape of Exercism's test-runner results.json (version 2).
 */
import fs from 'node:fs';
import { resolveCoursePaths } from '../src/course/paths.ts';
import { ExerciseError, listExercises, loadExercise } from '../src/exercises/load.ts';
import { gradeExercise } from '../src/grading/grade.ts';
import { NodeRuntime } from '../src/runtime/node-runtime.ts';
import { RunSession } from '../src/runtime/run-session.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const [id, file] = args.filter((a) => !a.startsWith('--'));
const { contentDir } = resolveCoursePaths();

if (!id) {
  console.error(`Usage: npm run grade -- <exercise-id> [file.ts] [--json]\nExercises: ${listExercises(contentDir).join(', ')}`);
  process.exit(2);
}

try {
  const exercise = loadExercise(contentDir, id);
  if (file && !fs.existsSync(file)) throw new ExerciseError(`No file ${file}.`);
  const code = file ? fs.readFileSync(file, 'utf8') : exercise.starter;
  const { results } = await gradeExercise(exercise, code, new RunSession(new NodeRuntime()));
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
