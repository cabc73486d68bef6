import { spawnSync } from 'node:child_process';
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

async function gradeInWorker(contentDir: string, exercises: LoadedExercise[], report: ContentReport): Promise<void> {
  const { chromium } = await import('@playwright/test');
  const outDir = scratchOutDir('check-content');
  const build = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: projectRoot,
    env: { ...process.env, COURSE_CONTENT_DIR: contentDir, COURSE_OUT_DIR: outDir, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    report.problems.push(`the site does not build:\n${`${build.stdout}\n${build.stderr}`.trim().split('\n').slice(-15).join('\n')}`);
    return;
  }
  const server = await serveStatic(outDir);
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    for (const exercise of exercises) {
      await page.goto(`${server.url}/exercises/${exercise.id}/`);
      await page.waitForFunction((id) => window.courseExercises?.[id] !== undefined, exercise.id);
      const grade = (code: string) =>
        page.evaluate(([id, source]) => window.courseExercises![id]!.grade(source).then((g) => g.results), [exercise.id, code] as const);
      const solution = await grade(exercise.solution);
      const ext = exercise.meta.kind === 'program' ? 'ts' : 'yaml';
      judge(exercise.id, 'solution', solution, 'worker', report.problems, ext);
      const starterFailed = judge(exercise.id, 'starter', await grade(exercise.starter), 'worker', report.problems, ext);
      report.graded.push({ id: exercise.id, runtime: 'worker', solution: solution.status, starterFailed });
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(outDir, { recursive: true, force: true });
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

  if (runtimes.includes('node')) {
    const runtime = new RunSession(new NodeRuntime());
    for (const exercise of exercises) {
      if (exercise.meta.kind !== 'program') {
        // Nothing runs: the same checks give the same results in every runtime.
        const grade = (text: string) => (exercise.meta.kind === 'trace-reading' ? gradeAnswers(exercise, text) : gradeCollectorConfig(exercise, text));
        const solution = await grade(exercise.solution);
        judge(exercise.id, 'solution', solution.results, 'node', report.problems, 'yaml');
        const failed = judge(exercise.id, 'starter', (await grade(exercise.starter)).results, 'node', report.problems, 'yaml');
        report.graded.push({ id: exercise.id, runtime: 'node', solution: solution.results.status, starterFailed: failed });
        continue;
      }
      const solution = await gradeExercise(exercise, exercise.solution, runtime);
      judge(exercise.id, 'solution', solution.results, 'node', report.problems);
      const plain = await plainNodeProblem(exercise, solution.run.spans);
      if (plain) report.problems.push(plain);
      const starter = await gradeExercise(exercise, exercise.starter, runtime);
      const failed = judge(exercise.id, 'starter', starter.results, 'node', report.problems);
      report.graded.push({ id: exercise.id, runtime: 'node', solution: solution.results.status, starterFailed: failed });
    }
  }
  if (runtimes.includes('worker') && exercises.length > 0) await gradeInWorker(contentDir, exercises, report);
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
