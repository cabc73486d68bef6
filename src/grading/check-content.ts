import fs from 'node:fs';
import { chromiumLaunchOptions } from './chromium.ts';
import { formatProblem, lintCourse } from '../course/lint.ts';
import { mdxCompileProblems } from '../course/mdx-compile-check.ts';
import { objectiveCoverage, type CoverageRow } from '../course/objectives.ts';
import type { CheckResults } from '../checks/index.ts';
import { exerciseSource, listExercises, loadExercise, type LoadedExercise } from '../exercises/load.ts';
import { exerciseRunRequest } from '../exercises/request.ts';
import { compileAsThePage } from '../build/precompile.ts';
import { NodeRuntime } from '../runtime/node-runtime.ts';
import { RunSession } from '../runtime/run-session.ts';
import { courseInvariantProblems } from './course-invariants.ts';
import { gradeAnswers, gradeCollectorConfig, gradeExercise, loadAnyChecks } from './grade.ts';
import { plainNodeProblem } from './plain-node.ts';
import { serveStatic } from './static-server.ts';
import { typecheckExercises } from './typecheck-exercises.ts';
import { mapLimit } from './map-limit.ts';

export { mapLimit };

export type RuntimeName = 'node' | 'worker';

export interface ContentReport {
  problems: string[];
  /** Per exercise and runtime: the solution's and the starter's overall status. */
  graded: Array<{ id: string; runtime: RuntimeName; solution: CheckResults['status']; starterFailed: number }>;
  exercises: number;
  /** Each lesson objective with the exercises that practise it. */
  objectives: CoverageRow[];
  seconds: number;
  /** Seconds from the start until each part that ran had finished (the parts run side by side). */
  parts: Partial<Record<ContentPart, number>>;
}

export type ContentPart = 'grading page' | 'text checks' | 'types' | 'host Node' | 'Worker';

function judge(id: string, variant: 'solution' | 'starter', results: CheckResults, runtime: RuntimeName, problems: string[], ext = 'ts'): number {
  const failed = results.tests.filter((t) => t.status !== 'pass').length;
  if (variant === 'solution' && results.status !== 'pass') {
    const why = results.message ?? results.tests.filter((t) => t.status !== 'pass').map((t) => `${t.name}: ${t.message ?? t.status}`).join('; ');
    problems.push(`exercises/${id}/solution.${ext} does not pass in ${runtime}: ${why}`);
  }
  if (variant === 'starter' && results.status === 'pass') {
    problems.push(`exercises/${id}/starter.${ext} passes every check in ${runtime}: a starter must fail at least one`);
  }
  if (variant === 'starter' && results.status === 'error' && results.tests.every((t) => t.status === 'error')) {
    problems.push(`exercises/${id}/starter.${ext} does not run in ${runtime}: ${results.message ?? 'error'} (a starter must compile and run)`);
  }
  return failed;
}

/**
 * Pages grading at once in the Worker. A program's time limit starts once its sandbox is ready,
 * so a second page hides one page's sandbox start-up behind the other's runs.
 */
const WORKER_PAGES = 2;
const PAGE_LOAD_MS = 60_000;

/**
 * Grades every exercise's solution and starter in the in-browser Worker (Chromium), on a page
 * that holds the site's grading and sandbox and nothing else (worker-pass/page.ts).
 */
async function gradeInWorker(page: Promise<string>, exercises: LoadedExercise[], report: Pick<ContentReport, 'problems' | 'graded'>): Promise<void> {
  // Chromium starts while the page builds.
  const launched = import('@playwright/test').then(({ chromium }) => chromium.launch(chromiumLaunchOptions('headless-shell')));
  let outDir: string;
  try {
    outDir = await page;
  } catch (error) {
    report.problems.push(`the Worker's grading page does not build: ${(error as Error).message}`);
    await launched.then((browser) => browser.close()).catch(() => undefined);
    return;
  }
  const [browser, server] = await Promise.all([launched, serveStatic(outDir)]);
  try {
    const context = await browser.newContext();
    const pages = await Promise.all(
      Array.from({ length: WORKER_PAGES }, async () => {
        const tab = await context.newPage();
        await tab.goto(`${server.url}/`, { timeout: PAGE_LOAD_MS });
        await tab.waitForFunction(() => window.courseGrader !== undefined, undefined, { timeout: PAGE_LOAD_MS });
        return tab;
      }),
    );
    const free = [...pages];
    const rows = await mapLimit(exercises, WORKER_PAGES, async (exercise) => {
      const tab = free.pop()!;
      try {
        const source = exerciseSource(exercise);
        // Compiled here as the page's transpiler would: the page holds no compiler.
        const compiled = (code: string) => (exercise.meta.kind === 'program' ? compileAsThePage(exerciseRunRequest(exercise, code).files) : { files: {}, errors: [] });
        const grade = (code: string) =>
          tab.evaluate(([s, c, files]) => window.courseGrader!.grade(s, c, files).then((g) => g.results), [source, code, compiled(code)] as const);
        const solution = await grade(exercise.solution);
        const starter = await grade(exercise.starter);
        return { exercise, solution, starter };
      } catch (error) {
        return { exercise, failure: (error as Error).message.split('\n')[0] };
      } finally {
        free.push(tab);
      }
    });
    for (const row of rows) {
      const { exercise } = row;
      if ('failure' in row) {
        report.problems.push(`exercises/${exercise.id} could not be graded in the Worker: ${row.failure}`);
        continue;
      }
      const { solution, starter } = row;
      const ext = exercise.meta.kind === 'program' ? 'ts' : 'yaml';
      judge(exercise.id, 'solution', solution, 'worker', report.problems, ext);
      const starterFailed = judge(exercise.id, 'starter', starter, 'worker', report.problems, ext);
      report.graded.push({ id: exercise.id, runtime: 'worker', solution: solution.status, starterFailed });
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

/**
 * Programs run at once in host Node: each mostly waits on its timers. Three at once on a
 * machine already at a load of about 27 once pushed solutions past their limit.
 */
const NODE_RUNS = 2;

type NodeRow = { problems: string[]; failed: number; status: CheckResults['status'] };

/**
 * Grades every exercise's solution (with the plain-Node comparison) and starter in host Node.
 * The solution and the starter are separate tasks, so that one exercise's many runs (hidden
 * inputs, runs with other seeds) do not keep the other slot idle at the end.
 */
async function gradeInNode(exercises: LoadedExercise[], report: Pick<ContentReport, 'problems' | 'graded'>): Promise<void> {
  const runtime = new RunSession(new NodeRuntime());
  const tasks = exercises.flatMap((exercise) => (['solution', 'starter'] as const).map((variant) => ({ exercise, variant })));
  const rows = await mapLimit(tasks, NODE_RUNS, async ({ exercise, variant }): Promise<NodeRow> => {
    const problems: string[] = [];
    const code = exercise[variant];
    if (exercise.meta.kind !== 'program') {
      // Nothing runs: the same checks give the same results in every runtime.
      const graded = exercise.meta.kind === 'trace-reading' ? await gradeAnswers(exercise, code) : await gradeCollectorConfig(exercise, code);
      return { problems, failed: judge(exercise.id, variant, graded.results, 'node', problems, 'yaml'), status: graded.results.status };
    }
    const graded = await gradeExercise(exercise, code, runtime);
    const failed = judge(exercise.id, variant, graded.results, 'node', problems);
    if (variant === 'solution') {
      const plain = await plainNodeProblem(exercise, graded.run.spans);
      if (plain) problems.push(plain);
    }
    return { problems, failed, status: graded.results.status };
  });
  // Rows come in task order: each exercise's solution, then its starter.
  for (let i = 0; i < rows.length; i += 2) {
    const [solution, starter] = [rows[i]!, rows[i + 1]!];
    report.problems.push(...solution.problems, ...starter.problems);
    report.graded.push({ id: tasks[i]!.exercise.id, runtime: 'node', solution: solution.status, starterFailed: starter.failed });
  }
}

/** Checks of the course's text: lessons, objectives, MDX and what it teaches. */
async function textProblems(contentDir: string, coverage: ReturnType<typeof objectiveCoverage>): Promise<string[]> {
  const problems = lintCourse(contentDir).map((p) => formatProblem(p, contentDir));
  problems.push(...coverage.problems.map((p) => formatProblem(p, contentDir)));
  problems.push(...(await mdxCompileProblems(contentDir)).map((p) => formatProblem(p, contentDir)));
  problems.push(...(await courseInvariantProblems(contentDir)));
  return problems;
}

/** Every exercise that loads, with its checks; the others as problems. */
async function loadExercises(contentDir: string, problems: string[]): Promise<LoadedExercise[]> {
  const exercises: LoadedExercise[] = [];
  for (const id of listExercises(contentDir)) {
    try {
      const exercise = loadExercise(contentDir, id);
      await loadAnyChecks(exercise);
      exercises.push(exercise);
    } catch (error) {
      problems.push(`exercises/${id}: ${(error as Error).message}`);
    }
  }
  return exercises;
}

/**
 * Verifies a whole course: lesson frontmatter and cross-references, every lesson objective
 * practised by an exercise, every exercise's metadata,
 * types and checks, every solution passing and every starter failing, in host Node and (with a
 * browser) in the in-browser Worker, on the site's grading and sandbox.
 *
 * The parts run side by side, as most of each waits: `tsc` type-checks in a child process and the
 * Worker's grading page bundles while the text is checked here; host Node grades programs in
 * child processes (mostly waiting on their timers) meanwhile, and the Worker pass grades them in
 * Chromium once its page is built. Problems are listed in the same order whichever part ends first.
 */
export async function checkContent(contentDir: string, runtimes: RuntimeName[]): Promise<ContentReport> {
  const started = performance.now();
  const report: ContentReport = { problems: [], graded: [], exercises: 0, objectives: [], seconds: 0, parts: {} };
  const done = <T>(part: ContentPart, work: Promise<T>): Promise<T> =>
    work.finally(() => (report.parts[part] = (performance.now() - started) / 1000));
  const inWorker = runtimes.includes('worker') && listExercises(contentDir).length > 0;
  const page = inWorker ? done('grading page', import('./worker-pass/build.ts').then(({ buildGradingPageApart }) => buildGradingPageApart(contentDir))) : undefined;
  // A failed build is reported by the Worker pass; this keeps it from being an unhandled rejection meanwhile.
  page?.catch(() => undefined);
  const loadProblems: string[] = [];
  const exercises = loadExercises(contentDir, loadProblems);
  // Not in the lint, so that the build and `npm start` still work while a lesson's exercises are written.
  const coverage = objectiveCoverage(contentDir);
  report.objectives = coverage.rows;
  // `tsc` runs in a child process: it type-checks while the MDX compiles here.
  const types = done('types', exercises.then(typecheckExercises));
  const node = { problems: [] as string[], graded: [] as ContentReport['graded'] };
  const worker = { problems: [] as string[], graded: [] as ContentReport['graded'] };
  const workerPass = exercises.then((list) => (page && list.length > 0 ? done('Worker', gradeInWorker(page, list, worker)) : undefined));
  // The text checks compile MDX on this thread while host Node runs programs: a compile holds the
  // thread for a fraction of a second, far inside a program's time limit (5 s by default).
  const text = done('text checks', textProblems(contentDir, coverage));
  const nodePass = runtimes.includes('node') ? exercises.then((list) => done('host Node', gradeInNode(list, node))) : undefined;
  const [fromText, typeErrors, loaded] = await Promise.all([text, types, exercises, workerPass, nodePass]);
  report.exercises = loaded.length;
  report.problems.push(...fromText, ...loadProblems, ...typeErrors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`));
  report.problems.push(...node.problems, ...worker.problems);
  report.graded.push(...node.graded, ...worker.graded);
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
