import type { RunError } from '../../sandboxes/wire/protocol.ts';
import type { CheckList, GradedRun } from '../exercises/grade-run.ts';
import { exerciseRunRequest, type ExerciseSource } from '../exercises/request.ts';
import { runStarted } from '../offline/run-activity.ts';
import type { RunEvent, RunRequest, RunResult, Runtime } from './runtime.ts';

export interface SessionRunOptions {
  signal?: AbortSignal | undefined;
  onEvent?: ((event: RunEvent) => void) | undefined;
  /** The seed of the hidden run (default: a new one per grading), to reproduce a failure. */
  seed?: number | undefined;
}

/** "main.ts:4:7 TypeError: ..." — an error of a run, with the learner's file and line. */
export function describeRunError(error: RunError): string {
  const where = error.at ? `${error.at.file}:${error.at.line}:${error.at.column} ` : '';
  return `${where}${error.name}: ${error.message}`;
}

/**
 * What pages and tools run programs through: the exercise page, the playground, the grader CLI
 * and `check:content`. It runs in whichever runtime it was given (the page's runtime manager, a
 * Worker, host Node), transpiling on the way; grades an exercise's run with its checks, outside
 * the sandbox; and keeps one Run in flight at a time where a page asks it to (`latest`).
 */
export class RunSession {
  private readonly runtime: () => Runtime | Promise<Runtime>;
  private inFlight: AbortController | undefined;

  /** `runtime` may be a function, so that a page loads its runtimes only when they are first needed. */
  constructor(runtime: Runtime | (() => Runtime | Promise<Runtime>)) {
    this.runtime = typeof runtime === 'function' ? runtime : () => runtime;
  }

  async run(request: RunRequest, options: SessionRunOptions = {}): Promise<RunResult> {
    const runtime = await this.runtime();
    return runtime.run(request, options);
  }

  /**
   * Runs the learner's code for an exercise and grades the run. When the scenario handed the
   * program inputs, it runs again, unseen, on inputs drawn from a seed, and a check that only
   * that run fails fails too (`hidden-run.ts`).
   */
  async grade(exercise: ExerciseSource, code: string, checks: () => Promise<CheckList>, options: SessionRunOptions = {}): Promise<GradedRun> {
    const request = exerciseRunRequest(exercise, code);
    const [{ gradeRun }, hiddenRuns, list, run] = await Promise.all([
      import('../exercises/grade-run.ts'),
      import('../exercises/hidden-run.ts'),
      checks(),
      this.run(request, options),
    ]);
    const results = gradeRun(list, run);
    const visible = run.inputs ?? {};
    if (Object.keys(visible).length === 0 || run.exit === 'compile-error' || run.exit === 'cancelled') return { run, results };
    const seed = options.seed ?? hiddenRuns.newSeed();
    const hiddenRun = await this.run({ ...request, hiddenSeed: seed }, { signal: options.signal });
    const hidden = { seed, visible, hidden: hiddenRun.inputs ?? {}, results: gradeRun(list, hiddenRun) };
    return { run, results: hiddenRuns.withHiddenRun(results, hidden), hidden: { seed, run: hiddenRun, results: hidden.results } };
  }

  /**
   * Runs `task` as the one in flight: a task started while another runs cancels that one
   * (through the signal it was given). Resolves undefined when a later task replaced this one.
   */
  async latest<T>(task: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    // Counted for the page's service worker, which holds a new version back until Runs end.
    const ended = runStarted();
    try {
      const value = await task(controller.signal);
      return this.inFlight === controller ? value : undefined;
    } catch (error) {
      // A replaced task's failure is nobody's concern any more.
      if (this.inFlight !== controller) return undefined;
      throw error;
    } finally {
      if (this.inFlight === controller) this.inFlight = undefined;
      ended();
    }
  }

  /** True while a `latest` task runs. */
  get busy(): boolean {
    return this.inFlight !== undefined;
  }

  /** Cancels the task in flight, if any. */
  cancel(): void {
    this.inFlight?.abort();
    this.inFlight = undefined;
  }
}
