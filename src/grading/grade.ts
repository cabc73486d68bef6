import { registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../course/paths.ts';
import type { CheckList, GradedRun } from '../exercises/grade-run.ts';
import type { LoadedExercise } from '../exercises/load.ts';
import { RunSession } from '../runtime/run-session.ts';
import type { Runtime } from '../runtime/runtime.ts';

export type Graded = GradedRun;

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
export async function loadChecks(exercise: LoadedExercise): Promise<CheckList> {
  aliasCheckLibrary();
  const module = (await import(pathToFileURL(exercise.checksFile).href)) as { default?: unknown };
  if (!Array.isArray(module.default)) {
    throw new Error(`${exercise.checksFile} must default-export defineChecks([...]).`);
  }
  return module.default as CheckList;
}

/** Runs the learner's code for an exercise in `runtime` (host Node for the grader) and grades the run, outside the sandbox. */
export function gradeExercise(exercise: LoadedExercise, code: string, runtime: Runtime | RunSession): Promise<Graded> {
  const session = runtime instanceof RunSession ? runtime : new RunSession(runtime);
  return session.grade(exercise, code, () => loadChecks(exercise));
}
