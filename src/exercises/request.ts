import type { ExerciseMeta } from '../course/schemas.ts';
import type { RunRequest } from '../runtime/runtime.ts';

/** What a page or the grader needs to run an exercise, without the checks. */
export interface ExerciseSource {
  id: string;
  meta: ExerciseMeta;
  starter: string;
  solution: string;
  /** The scenario and read-only files of the exercise folder, by name. */
  files: Record<string, string>;
}

/** The run of an exercise with the learner's code in place of the starter. */
export function exerciseRunRequest(exercise: ExerciseSource, learnerCode: string): RunRequest {
  const { meta } = exercise;
  return {
    files: { ...exercise.files, [meta.file]: learnerCode },
    entry: meta.scenario ?? meta.file,
    timeLimitMs: meta.timeLimitMs,
    spanLimit: meta.spanLimit,
    trusted: Object.keys(exercise.files),
  };
}
