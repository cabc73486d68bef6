import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromiumLaunchOptions } from './chromium.ts';
import { projectRoot, scratchOutDir } from '../course/paths.ts';
import { formatProblem, lintCourse } from '../course/lint.ts';
import { mdxCompileProblems } from '../course/mdx-compile-check.ts';
import { objectiveCoverage, type CoverageRow } from '../course/objectives.ts';
import type { CheckResults } from '../checks/index.ts';
import { listExercises, loadExercise, type LoadedExercise } from '../exercises/load.ts';
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

export type ContentPart = 'site build' | 'text checks' | 'types' | 'host Node' | 'Worker';

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

interface SiteBuild {
  outDir: string;
  /** Undefined when the site built; otherwise the end of its output. */
  failure: Promise<string | undefined>;
}

/** Starts building the site for the Worker run; it runs while the other checks do. */
function startSiteBuild(contentDir: string): SiteBuild {
  const outDir = scratchOutDir('check-content');
  const child = spawn(process.execPath, [path.join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: projectRoot,
    env: { ...process.env, COURSE_CONTENT_DIR: contentDir, COURSE_OUT_DIR: outDir, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const failure = new Promise<string | undefined>((resolve) => {
    child.on('error', (error) => resolve(error.message));
    child.on('close', (code) => resolve(code === 0 ? undefined : output.trim().split('\n').slice(-15).join('\n')));
  });
  return { outDir, failure };
}

/**
 * Pages graded at once in the Worker. A program's time limit starts once its sandbox is ready, so
 * a second page hides one page's loading and sandbox start-up behind the other's runs.
 */
const WORKER_PAGES = 2;
const PAGE_LOAD_MS = 120_000;

async function gradeInWorker(build: SiteBuild, exercises: LoadedExercise[], report: Pick<ContentReport, 'problems' | 'graded'>): Promise<void> {
  // Chromium starts while the site builds.
  const launched = import('@playwright/test').then(({ chromium }) => chromium.launch(chromiumLaunchOptions()));
  const failure = await build.failure;
  if (failure !== undefined) {
    report.problems.push(`the site does not build:\n${failure}`);
    fs.rmSync(build.outDir, { recursive: true, force: true });
    await launched.then((browser) => browser.close()).catch(() => undefined);
    return;
  }
  const browser = await launched;
  const server = await serveStatic(build.outDir);
  try {
    const context = await browser.newContext();
    const pages = await Promise.all(Array.from({ length: WORKER_PAGES }, () => context.newPage()));
    const free = [...pages];
    const rows = await mapLimit(exercises, WORKER_PAGES, async (exercise) => {
      const page = free.pop()!;
      try {
        // A page loads Monaco and a sandbox: on a busy machine that takes more than Playwright's 30 s.
        await page.goto(`${server.url}/exercises/${exercise.id}/`, { timeout: PAGE_LOAD_MS });
        await page.waitForFunction((id) => window.courseExercises?.[id] !== undefined, exercise.id, { timeout: PAGE_LOAD_MS });
        const grade = (code: string) =>
          page.evaluate(([id, source]) => window.courseExercises![id]!.grade(source).then((g) => g.results), [exercise.id, code] as const);
        const solution = await grade(exercise.solution);
        const starter = await grade(exercise.starter);
        return { exercise, solution, starter };
      } catch (error) {
        return { exercise, failure: (error as Error).message.split('\n')[0] };
      } finally {
        free.push(page);
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
    fs.rmSync(build.outDir, { recursive: true, force: true });
  }
}

/** Exercises graded at once in host Node: each mostly waits on its program's timers; three at once on a busy 2-core machine pushed solutions past their limit. */
const NODE_RUNS = 2;

async function gradeInNode(exercises: LoadedExercise[], report: Pick<ContentReport, 'problems' | 'graded'>): Promise<void> {
  const runtime = new RunSession(new NodeRuntime());
  const rows = await mapLimit(exercises, NODE_RUNS, async (exercise) => {
    const problems: string[] = [];
    if (exercise.meta.kind !== 'program') {
      // Nothing runs: the same checks give the same results in every runtime.
      const grade = (text: string) => (exercise.meta.kind === 'trace-reading' ? gradeAnswers(exercise, text) : gradeCollectorConfig(exercise, text));
      const solution = await grade(exercise.solution);
      judge(exercise.id, 'solution', solution.results, 'node', problems, 'yaml');
      const failed = judge(exercise.id, 'starter', (await grade(exercise.starter)).results, 'node', problems, 'yaml');
      return { problems, row: { id: exercise.id, runtime: 'node' as const, solution: solution.results.status, starterFailed: failed } };
    }
    const solution = await gradeExercise(exercise, exercise.solution, runtime);
    judge(exercise.id, 'solution', solution.results, 'node', problems);
    const plain = await plainNodeProblem(exercise, solution.run.spans);
    if (plain) problems.push(plain);
    const starter = await gradeExercise(exercise, exercise.starter, runtime);
    const failed = judge(exercise.id, 'starter', starter.results, 'node', problems);
    return { problems, row: { id: exercise.id, runtime: 'node' as const, solution: solution.results.status, starterFailed: failed } };
  });
  for (const { problems, row } of rows) {
    report.problems.push(...problems);
    report.graded.push(row);
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
 * browser) in the in-browser Worker of the built site.
 *
 * The parts run side by side, as most of each waits: the site builds and `tsc` type-checks in
 * child processes while the text is checked here; then host Node grades programs in child
 * processes (mostly waiting on their timers) while, once the site is built, the Worker pass
 * grades them in Chromium. Problems are listed in the same order whichever part ends first.
 */
export async function checkContent(contentDir: string, runtimes: RuntimeName[]): Promise<ContentReport> {
  const started = performance.now();
  const report: ContentReport = { problems: [], graded: [], exercises: 0, objectives: [], seconds: 0, parts: {} };
  const done = <T>(part: ContentPart, work: Promise<T>): Promise<T> =>
    work.finally(() => (report.parts[part] = (performance.now() - started) / 1000));
  // The site's build takes longest: it starts first.
  const build = runtimes.includes('worker') && listExercises(contentDir).length > 0 ? startSiteBuild(contentDir) : undefined;
  try {
    const loadProblems: string[] = [];
    const exercises = loadExercises(contentDir, loadProblems);
    // Not in the lint, so that the build and `npm start` still work while a lesson's exercises are written.
    const coverage = objectiveCoverage(contentDir);
    report.objectives = coverage.rows;
    // `tsc` runs in a child process: it type-checks while the MDX compiles here.
    const types = done('types', exercises.then(typecheckExercises));
    if (build) void done('site build', build.failure);
    const node = { problems: [] as string[], graded: [] as ContentReport['graded'] };
    const worker = { problems: [] as string[], graded: [] as ContentReport['graded'] };
    const workerPass = exercises.then((list) => (build && list.length > 0 ? done('Worker', gradeInWorker(build, list, worker)) : undefined));
    // Host Node starts after the text checks: they compile MDX on this thread, and a busy thread
    // reads a program's output late, so its time limit could end a run that had finished.
    const textThenNode = done('text checks', textProblems(contentDir, coverage)).then(async (fromText) => {
      if (runtimes.includes('node')) await done('host Node', gradeInNode(await exercises, node));
      return fromText;
    });
    const [fromText, typeErrors, loaded] = await Promise.all([textThenNode, types, exercises, workerPass]);
    report.exercises = loaded.length;
    report.problems.push(...fromText, ...loadProblems, ...typeErrors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`));
    report.problems.push(...node.problems, ...worker.problems);
    report.graded.push(...node.graded, ...worker.graded);
  } finally {
    // A check that threw leaves no build behind.
    if (build) void build.failure.then(() => fs.rmSync(build.outDir, { recursive: true, force: true }));
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
