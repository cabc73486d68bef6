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
import { isTraceReading, type TraceReading } from '../trace-reading/define.ts';
import { gradeTraceReading } from '../trace-reading/grade.ts';

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

async function checksExport(exercise: LoadedExercise): Promise<unknown> {
  aliasCheckLibrary();
  const module = (await import(pathToFileURL(exercise.checksFile).href)) as { default?: unknown };
  return module.default;
}

/** The trace and questions of a trace-reading exercise (default export of `defineTraceReading({...})`). */
export async function loadTraceReading(exercise: LoadedExercise): Promise<TraceReading> {
  const reading = await checksExport(exercise);
  if (!isTraceReading(reading)) throw new Error(`${exercise.checksFile} must default-export defineTraceReading({ trace, questions }) for a trace-reading exercise.`);
  return reading;
}

/** Loads an exercise's checks.ts, the way its kind needs it: throws when it does not fit. */
export async function loadAnyChecks(exercise: LoadedExercise): Promise<void> {
  if (exercise.meta.kind === 'trace-reading') await loadTraceReading(exercise);
  else await loadChecks(exercise);
}

/** The checks of an exercise, from its checks.ts (default export of `defineChecks([...])`). */
export async function loadChecks(exercise: LoadedExercise): Promise<CheckList> {
  const checks = await checksExport(exercise);
  if (!Array.isArray(checks)) {
    throw new Error(`${exercise.checksFile} must default-export defineChecks([...]).`);
  }
  return checks as CheckList;
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

/** Grades the answers (answers.yaml text) of a trace-reading exercise: nothing runs. */
export async function gradeAnswers(exercise: LoadedExercise, text: string): Promise<{ results: CheckResults }> {
  return { results: gradeTraceReading(await loadTraceReading(exercise), text, exercise.meta.file) };
}

/** Grades a submission of any kind of exercise: the results, and the run of a program. */
export async function gradeSubmission(
  exercise: LoadedExercise,
  code: string,
  runtime: Runtime | RunSession,
  options: GradeOptions = {},
): Promise<{ results: CheckResults; run?: RunResult }> {
  if (exercise.meta.kind === 'trace-reading') return gradeAnswers(exercise, code);
  return exercise.meta.kind === 'collector-config' ? gradeCollectorConfig(exercise, code) : gradeExercise(exercise, code, runtime, options);
}

export interface GradeOptions {
  /** The seed of the hidden run, to reproduce a failure on hidden inputs; a new one by default. */
  seed?: number | undefined;
}

/** Runs the learner's code for an exercise in `runtime` (host Node for the grader) and grades the run, outside the sandbox. */
export function gradeExercise(exercise: LoadedExercise, code: string, runtime: Runtime | RunSession, options: GradeOptions = {}): Promise<Graded> {
  const session = runtime instanceof RunSession ? runtime : new RunSession(runtime);
  return session.grade(exercise, code, () => loadChecks(exercise), { seed: options.seed });
}
