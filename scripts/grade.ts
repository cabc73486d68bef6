/**
 * Grades a learner's file, or every file in a folder, for an exercise in host Node. See USAGE.
 * The JSON of one file has the shape of Exercism's test-runner results.json (version 2).
 * `--seed` replays the hidden run of an earlier grading (its seed is in the failure message).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CheckResults, CheckStatus } from '../src/checks/index.ts';
import { resolveCoursePaths } from '../src/course/paths.ts';
import { ExerciseError, listExercises, loadExercise, type LoadedExercise } from '../src/exercises/load.ts';
import { gradeBatch, submissionExtensions, submissionsIn, type BatchResults } from '../src/grading/batch/batch.ts';
import { formatJunit } from '../src/grading/batch/junit.ts';
import { formatTable } from '../src/grading/batch/table.ts';
import { gradeSubmission } from '../src/grading/grade.ts';
import { NodeRuntime } from '../src/runtime/node-runtime.ts';
import { RunSession } from '../src/runtime/run-session.ts';
import { oneOf, parseCommandLine, runCommand, UsageError } from './cli.ts';

export const USAGE = `Usage: npm run grade -- <exercise-id> [file | folder] [options]

  <exercise-id>        the exercise, e.g. checkout-trace
  file                 a learner's file (.ts, or .yaml for a Collector exercise); the starter when absent
  folder               grades every such file directly in the folder, several at once

Options:
  --json               print only JSON on stdout: Exercism's results.json for a file, the batch for a folder
                       (run npm with --silent, e.g. npm run --silent grade -- ... --json > results.json,
                       as npm prints its own "> grade" banner on stdout)
  --results <path>     folder: where the batch JSON goes (default grade-results/<exercise-id>.json)
  --junit <path>       folder: where the JUnit XML goes (default grade-results/<exercise-id>.junit.xml)
  --jobs <n>           folder: submissions graded at once (default: the number of CPU cores)
  --seed <n>           replay the hidden run of an earlier grading (its seed is in the failure message)
  --help               this text

Exit status:
  0  every check passed (for a folder: every submission)
  1  a check failed, or the program failed while the checks still ran (status "fail")
  2  nothing was graded: a mistake on the command line, an unknown exercise, a missing file
  3  no check could run: the code did not compile, or the run was cancelled (status "error")
  For a folder, the worst submission decides (3 over 1 over 0).`;

export interface GradeArgs {
  id: string;
  /** The learner's file or a folder of them; the exercise's starter when absent. */
  file?: string;
  json: boolean;
  /** The seed of the hidden run to replay. */
  seed?: number;
  results?: string;
  junit?: string;
  jobs?: number;
}

/** `exercises`: the ids of the course's exercises, one of which must be named. */
export function parseGradeArgs(args: readonly string[], exercises: readonly string[]): GradeArgs {
  const { values, positionals } = parseCommandLine(
    args,
    { json: { type: 'boolean', default: false }, seed: { type: 'string' }, results: { type: 'string' }, junit: { type: 'string' }, jobs: { type: 'string' } },
    { names: ['exercise id', 'file'] },
  );
  if (positionals[0] === undefined) throw new UsageError(`missing the exercise id; use one of: ${exercises.join(', ')}`);
  const id = oneOf('exercise', positionals[0], exercises);
  const file = positionals[1];
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(`--jobs '${values.jobs}' is not a number of jobs; use a whole number from 1`);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0)) throw new UsageError(`--seed must be a whole number >= 0, not ${values.seed}`);
  return {
    id,
    json: values.json,
    ...(file === undefined ? {} : { file }),
    ...(values.results === undefined ? {} : { results: values.results }),
    ...(values.junit === undefined ? {} : { junit: values.junit }),
    ...(jobs === undefined ? {} : { jobs }),
    ...(seed === undefined ? {} : { seed }),
  };
}

export const EXIT: Record<CheckStatus, number> = { pass: 0, fail: 1, error: 3 };

/** The exit status of a batch: its worst submission. */
export const batchExit = (batch: BatchResults) => Math.max(0, ...batch.submissions.map((s) => EXIT[s.results.status]));

/** npm runs scripts in the package's folder; paths on the command line are relative to where it was called. */
const fromCaller = (p: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);

const grade = (exercise: LoadedExercise, seed?: number) => async (code: string) =>
  (await gradeSubmission(exercise, code, new RunSession(new NodeRuntime()), { seed })).results;

function printResults(exercise: LoadedExercise, results: CheckResults): void {
  console.log(`${exercise.meta.title} (${exercise.id}): ${results.status}${results.message ? `\n${results.message}` : ''}\n`);
  for (const test of results.tests) {
    const mark = test.status === 'pass' ? '✓' : test.status === 'fail' ? '✗' : '!';
    console.log(`${mark} ${test.name}${test.message ? `\n    ${test.message.split('\n').join('\n    ')}` : ''}`);
  }
  const passed = results.tests.filter((t) => t.status === 'pass').length;
  console.log(`\n${passed} passed, ${results.tests.length - passed} failed`);
}

async function gradeFolder(exercise: LoadedExercise, folder: string, args: GradeArgs): Promise<number> {
  const files = submissionsIn(folder, submissionExtensions(exercise));
  if (files.length === 0) throw new ExerciseError(`No ${submissionExtensions(exercise).join(' or ')} files in ${folder}.`);
  const batch = await gradeBatch(exercise, folder, files, grade(exercise, args.seed), args.jobs);
  const resultsFile = fromCaller(args.results ?? `grade-results/${exercise.id}.json`);
  const junitFile = fromCaller(args.junit ?? `grade-results/${exercise.id}.junit.xml`);
  const json = JSON.stringify(batch, null, 2);
  for (const [file, text] of [
    [resultsFile, `${json}\n`],
    [junitFile, formatJunit(batch)],
  ] as const) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  if (args.json) console.log(json);
  else console.log(`${formatTable(batch)}\nResults: ${resultsFile}\nJUnit:   ${junitFile}`);
  return batchExit(batch);
}

async function main(args: GradeArgs): Promise<void> {
  const { contentDir } = resolveCoursePaths();
  try {
    const exercise = loadExercise(contentDir, args.id);
    const target = args.file === undefined ? undefined : fromCaller(args.file);
    if (target && !fs.existsSync(target)) throw new ExerciseError(`No file or folder ${args.file}.`);
    if (target && fs.statSync(target).isDirectory()) {
      process.exitCode = await gradeFolder(exercise, target, args);
      return;
    }
    const code = target ? fs.readFileSync(target, 'utf8') : exercise.starter;
    const results = await grade(exercise, args.seed)(code);
    if (args.json) console.log(JSON.stringify(results, null, 2));
    else printResults(exercise, results);
    process.exitCode = EXIT[results.status];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (args.json) console.log(JSON.stringify({ version: 2, status: 'error', message, tests: [] }, null, 2));
    else console.error(message);
    process.exitCode = 2;
  }
}

if (import.meta.main) {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
  } else {
    const exercises = listExercises(resolveCoursePaths().contentDir);
    await runCommand(USAGE, () => parseGradeArgs(process.argv.slice(2), exercises), main);
    // Open handles (a harness's pipes) must not hold the exit code back.
    process.exit(process.exitCode ?? 0);
  }
}
