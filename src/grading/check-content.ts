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
}

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

/** Pages graded at once in the Worker: two at once on a busy 2-core machine pushed solutions past their 5 s limit. */
const WORKER_PAGES = 1;
const PAGE_LOAD_MS = 120_000;

async function gradeInWorker(build: SiteBuild, exercises: LoadedExercise[], report: ContentReport): Promise<void> {
  const [{ chromium }, failure] = await Promise.all([import('@playwright/test'), build.failure]);
  if (failure !== undefined) {
    report.problems.push(`the site does not build:\n${failure}`);
    fs.rmSync(build.outDir, { recursive: true, force: true });
    return;
  }
  const server = await serveStatic(build.outDir);
  const browser = await chromium.launch(chromiumLaunchOptions());
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

async function gradeInNode(exercises: LoadedExercise[], report: ContentReport): Promise<void> {
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

/**
 * Verifies a whole course: lesson frontmatter and cross-references, every lesson objective
 * practised by an exercise, every exercise's metadata,
 * types and checks, every solution passing and every starter failing, in host Node and (with a
 * browser) in the in-browser Worker of the built site.
 */
export async function checkContent(contentDir: string, runtimes: RuntimeName[]): Promise<ContentReport> {
  const started = performance.now();
  const report: ContentReport = { problems: [], graded: [], exercises: 0, objectives: [], seconds: 0 };
  // The site's build takes longest: it runs while everything else is checked.
  const build = runtimes.includes('worker') && listExercises(contentDir).length > 0 ? startSiteBuild(contentDir) : undefined;
  try {
    report.problems.push(...lintCourse(contentDir).map((p) => formatProblem(p, contentDir)));
    // Not in the lint, so that the build and `npm start` still work while a lesson's exercises are written.
    const coverage = objectiveCoverage(contentDir);
    report.objectives = coverage.rows;
    report.problems.push(...coverage.problems.map((p) => formatProblem(p, contentDir)));
    report.problems.push(...(await mdxCompileProblems(contentDir)).map((p) => formatProblem(p, contentDir)));
    report.problems.push(...(await courseInvariantProblems(contentDir)));

    const exercises: LoadedExercise[] = [];
    for (const id of listExercises(contentDir)) {
      try {
        const exercise = loadExercise(contentDir, id);
        await loadAnyChecks(exercise);
        exercises.push(exercise);
      } catch (error) {
        report.problems.push(`exercises/${id}: ${(error as Error).message}`);
      }
    }
    report.exercises = exercises.length;
    for (const e of await typecheckExercises(exercises)) report.problems.push(`${e.file}:${e.line}:${e.column}: ${e.message}`);

    if (runtimes.includes('node')) await gradeInNode(exercises, report);
    if (build && exercises.length > 0) await gradeInWorker(build, exercises, report);
  } finally {
    // A check that threw leaves no build behind.
    if (build) void build.failure.then(() => fs.rmSync(build.outDir, { recursive: true, force: true }));
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
