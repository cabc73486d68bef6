/**
 * Records each program exercise's reference trace when the site is built: its solution runs in
 * host Node (the grader's runtime, a second or so per exercise) and the spans it ends are written
 * to `<outDir>/reference-traces/<id>.json` (`../trace/reference-trace.ts`), which the exercise
 * page fetches only when the learner asks to compare.
 *
 * Runs are cached in the build's cache folder by a hash of everything that shapes them (the
 * exercise's files, its metadata, the sandbox harness), so that a build with unchanged
 * exercises runs nothing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { mapLimit } from '../grading/map-limit.ts';
import { listExercises, loadExercise, type LoadedExercise } from '../exercises/load.ts';
import { exerciseRunRequest } from '../exercises/request.ts';
import { buildNodeHarness } from '../runtime/node-harness-bundle.ts';
import { NodeRuntime } from '../runtime/node-runtime.ts';
import type { ReferenceTrace } from '../trace/reference-trace.ts';

export const REFERENCE_DIR = 'reference-traces';
/** Bump when the file's shape changes: cached runs of the old shape are not used. */
const FORMAT = 1;
/** Solutions run at once: each mostly waits on its program's timers. */
const RUNS_AT_ONCE = 2;

export interface RecordReport {
  written: string[];
  /** From the cache, without a run. */
  cached: number;
  /** Exercises whose solution did not give a trace, with why. */
  problems: string[];
}

function cacheKey(exercise: LoadedExercise, harness: string): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ FORMAT, meta: exercise.meta, files: exercise.files, solution: exercise.solution }));
  hash.update(fs.readFileSync(harness));
  return hash.digest('hex').slice(0, 24);
}

async function record(exercise: LoadedExercise, runtime: NodeRuntime): Promise<ReferenceTrace | string> {
  const run = await runtime.run(exerciseRunRequest(exercise, exercise.solution));
  if (run.exit !== 'ok') return `its solution's run ended with "${run.exit}"${run.errors[0] ? `: ${run.errors[0].message}` : ''}`;
  const spans = [...run.spans, ...run.unfinished];
  if (spans.length === 0) return 'its solution ends no spans';
  return { exercise: exercise.id, spans };
}

/** The reference trace file of one exercise, from the cache or from a run; a string that says why not otherwise. */
async function referenceText(exercise: LoadedExercise, cacheDir: string, runtime: NodeRuntime, harness: string): Promise<{ text: string; cached: boolean } | { problem: string }> {
  const cached = path.join(cacheDir, `${exercise.id}-${cacheKey(exercise, harness)}.json`);
  if (fs.existsSync(cached)) return { text: fs.readFileSync(cached, 'utf8'), cached: true };
  const trace = await record(exercise, runtime);
  if (typeof trace === 'string') return { problem: `exercises/${exercise.id}: no reference trace: ${trace}` };
  const text = JSON.stringify(trace);
  fs.mkdirSync(cacheDir, { recursive: true });
  for (const old of fs.readdirSync(cacheDir)) if (old.startsWith(`${exercise.id}-`)) fs.rmSync(path.join(cacheDir, old));
  fs.writeFileSync(cached, text);
  return { text, cached: false };
}

/**
 * For the development server, which writes no files: the reference trace of one exercise, run
 * when first asked for. Undefined when there is no such program exercise or its solution fails.
 */
export async function referenceTraceOf(paths: { contentDir: string; cacheDir: string }, id: string): Promise<string | undefined> {
  if (!listExercises(paths.contentDir).includes(id)) return undefined;
  const exercise = loadExercise(paths.contentDir, id);
  if (exercise.meta.kind !== 'program') return undefined;
  const result = await referenceText(exercise, path.join(paths.cacheDir, REFERENCE_DIR), new NodeRuntime(), await buildNodeHarness());
  return 'text' in result ? result.text : undefined;
}

/** Writes the reference trace of every program exercise of `contentDir` into `outDir`. */
export async function recordReferenceTraces(paths: { contentDir: string; outDir: string; cacheDir: string }): Promise<RecordReport> {
  const exercises: LoadedExercise[] = [];
  for (const id of listExercises(paths.contentDir)) {
    const exercise = loadExercise(paths.contentDir, id);
    if (exercise.meta.kind === 'program') exercises.push(exercise);
  }
  const report: RecordReport = { written: [], cached: 0, problems: [] };
  if (exercises.length === 0) return report;
  const harness = await buildNodeHarness();
  const runtime = new NodeRuntime();
  const cacheDir = path.join(paths.cacheDir, REFERENCE_DIR);
  const outDir = path.join(paths.outDir, REFERENCE_DIR);
  fs.mkdirSync(outDir, { recursive: true });
  await mapLimit(exercises, RUNS_AT_ONCE, async (exercise) => {
    const result = await referenceText(exercise, cacheDir, runtime, harness);
    if ('problem' in result) {
      report.problems.push(result.problem);
      return;
    }
    if (result.cached) report.cached++;
    fs.writeFileSync(path.join(outDir, `${exercise.id}.json`), result.text);
    report.written.push(exercise.id);
  });
  return report;
}
