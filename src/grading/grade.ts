import { registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../course/paths.ts';
import { runChecks, type CheckResults } from '../checks/index.ts';
import type { LoadedExercise } from '../exercises/load.ts';
import { exerciseRunRequest } from '../exercises/request.ts';
import type { RunResult, Runtime } from '../runtime/runtime.ts';
import { isCollectorChecks } from '../collector/checks/define.ts';
import { runCollectorChecks, type CollectorGrade } from '../collector/checks/runner.ts';

export interface Graded {
  results: CheckResults;
  run: RunResult;
}

let checksAlias = false;

/**
 * Lets `import ... from '#checks'` resolve from any content folder, also one outside this
 * repository, where package.json "imports" does not reach.
 */
function aliasCheckLibrary(): void {
  if (checksAlias) return;
  checksAlias = true;
  const url = pathToFileURL(path.join(projectRoot, 'src/checks/index.ts')).href;
  registerHooks({
    resolve: (specifier, context, next) => (specifier === '#checks' ? { url, shortCircuit: true } : next(specifier, context)),
  });
}

/** The checks of an exercise, from its checks.ts (default export of `defineChecks([...])`). */
export async function loadChecks(exercise: LoadedExercise): Promise<Parameters<typeof runChecks>[0]> {
  aliasCheckLibrary();
  const module = (await import(pathToFileURL(exercise.checksFile).href)) as { default?: unknown };
  if (!Array.isArray(module.default)) {
    throw new Error(`${exercise.checksFile} must default-export defineChecks([...]).`);
  }
  return module.default as Parameters<typeof runChecks>[0];
}

/**
 * Grades a Collector configuration exercise: nothing runs; its checks read the learner's YAML
 * (and run the exercise's traces through its `tail_sampling` policies).
 */
export async function gradeCollectorConfig(exercise: LoadedExercise, text: string): Promise<CollectorGrade> {
  const checks = await loadChecks(exercise);
  if (!isCollectorChecks(checks)) throw new Error(`${exercise.checksFile} must default-export defineCollectorChecks([...]) for a collector-config exercise.`);
  return runCollectorChecks(checks, text, exercise.meta.file);
}

/** Grades a submission of any kind of exercise: the results, and the run of a program. */
export async function gradeSubmission(exercise: LoadedExercise, code: string, runtime: Runtime): Promise<{ results: CheckResults; run?: RunResult }> {
  return exercise.meta.kind === 'collector-config' ? gradeCollectorConfig(exercise, code) : gradeExercise(exercise, code, runtime);
}

/** Runs the learner's code for an exercise and grades the run, outside the sandbox. */
export async function gradeExercise(exercise: LoadedExercise, code: string, runtime: Runtime): Promise<Graded> {
  const checks = await loadChecks(exercise);
  const run = await runtime.run(exerciseRunRequest(exercise, code));
  return { run, results: runChecks(checks, { ...run, extras: { requests: run.requests } }) };
}
