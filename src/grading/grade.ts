import { registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../course/paths.ts';
import type { CheckResults } from '../checks/index.ts';
import type { CheckList, GradedRun } from '../exercises/grade-run.ts';
import type { LoadedExercise } from '../exercises/load.ts';
import { RunSession } from '../runtime/run-session.ts';
import type { RunResult, Runtime } from '../runtime/runtime.ts';
import { isCollectorChecks } from '../collector/checks/define.ts';
import { runCollectorChecks, type CollectorGrade } from '../collector/checks/runner.ts';

export type Graded = GradedRun;

/** Set on `globalThis`: the hook is per process, and this module may be evaluated more than once in one (test runners). */
const CHECKS_ALIAS = Symbol.for('otel-tracing-course.checks-alias');

/**
 * Lets `import ... from '#checks'` in a course's checks resolve to this engine's check library
 * from any content folder, also one outside this repository, where package.json "imports" does
 * not reach; every course loaded in the process shares that one library. Packages under
 * node_modules keep their own `#checks`, if they have one.
 */
function aliasCheckLibrary(): void {
  const global = globalThis as { [CHECKS_ALIAS]?: true };
  if (global[CHECKS_ALIAS]) return;
  global[CHECKS_ALIAS] = true;
  const url = pathToFileURL(path.join(projectRoot, 'src/checks/index.ts')).href;
  registerHooks({
    resolve: (specifier, context, next) =>
      specifier === '#checks' && !context.parentURL?.includes('/node_modules/') ? { url, shortCircuit: true } : next(specifier, context),
  });
}

/** The checks of an exercise, from its checks.ts (default export of `defineChecks([...])`). */
export async function loadChecks(exercise: LoadedExercise): Promise<CheckList> {
  aliasCheckLibrary();
  const module = (await import(pathToFileURL(exercise.checksFile).href)) as { default?: unknown };
  if (!Array.isArray(module.default)) {
    throw new Error(`${exercise.checksFile} must default-export defineChecks([...]).`);
  }
  return module.default as CheckList;
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
export async function gradeSubmission(exercise: LoadedExercise, code: string, runtime: Runtime | RunSession): Promise<{ results: CheckResults; run?: RunResult }> {
  return exercise.meta.kind === 'collector-config' ? gradeCollectorConfig(exercise, code) : gradeExercise(exercise, code, runtime);
}

/** Runs the learner's code for an exercise in `runtime` (host Node for the grader) and grades the run, outside the sandbox. */
export function gradeExercise(exercise: LoadedExercise, code: string, runtime: Runtime | RunSession): Promise<Graded> {
  const session = runtime instanceof RunSession ? runtime : new RunSession(runtime);
  return session.grade(exercise, code, () => loadChecks(exercise));
}
