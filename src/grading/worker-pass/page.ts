/**
 * The page `check:content` grades exercises on in the Worker runtime: the site's own grading
 * (`gradeAny`, the sealed sandbox frame, its Worker), without the site around it, so that a
 * check of the content need not build every page first. The code arrives compiled by the page's
 * TypeScript and settings (errors included), as the site's pages ship starters and solutions, so
 * no compiler loads here.
 */
import { gradeAny, type Graded } from '../../exercises/client/grade-any.ts';
import type { ExerciseSource } from '../../exercises/request.ts';
import type { Transpiler } from '../../runtime/browser-transpiler.ts';
import type { TranspileResult } from '../../runtime/transpile.ts';
import { RunSession } from '../../runtime/run-session.ts';
import { WorkerRuntime } from '../../runtime/worker-runtime.ts';

declare global {
  interface Window {
    /** Grades `code` for `source` in the Worker; `compiled` is its run's files, compiled. */
    courseGrader?: { grade(source: ExerciseSource, code: string, compiled: TranspileResult): Promise<Graded> };
  }
}

let compiled: TranspileResult | undefined;

/** Answers with the files compiled in Node for the grade in progress (one grade at a time per page). */
const compiledInNode: Transpiler = {
  transpile: () => (compiled ? Promise.resolve(compiled) : Promise.reject(new Error('nothing was compiled for this run'))),
  warm: () => Promise.resolve(),
};

const runtime = new WorkerRuntime(compiledInNode);
const session = new RunSession(runtime);
void runtime.startSandbox();

window.courseGrader = {
  async grade(source, code, files) {
    compiled = files;
    try {
      return await gradeAny(source, code, session);
    } finally {
      compiled = undefined;
    }
  },
};
