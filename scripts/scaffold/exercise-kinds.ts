/**
 * One scaffold per exercise kind. The table is typed by the schema's kinds, so a new kind
 * does not type-check until it adds its entry here: `new:exercise --kind <kind>` then works.
 */
import type { ExerciseKind } from '../../src/course/schemas.ts';
import { collectorExerciseFiles } from './collector-exercise.ts';
import type { ExerciseScaffoldInput } from './exercise-input.ts';
import { programExerciseFiles } from './program-exercise.ts';
import { traceReadingExerciseFiles } from './trace-reading-exercise.ts';

export interface ExerciseScaffold {
  /** The files of the exercise folder, by name, that pass `check:content` once embedded. */
  files: (input: ExerciseScaffoldInput) => Record<string, string>;
}

export const exerciseScaffolds: Record<ExerciseKind, ExerciseScaffold> = {
  program: { files: programExerciseFiles },
  'collector-config': { files: collectorExerciseFiles },
  'trace-reading': { files: traceReadingExerciseFiles },
};
