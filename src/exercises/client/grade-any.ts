import type { RunSession } from '../../runtime/run-session.ts';
import type { GradedRun } from '../grade-run.ts';
import type { ExerciseSource } from '../request.ts';
import { checkLoaderOf, checksOf } from './check-loaders.ts';
import { gradeCollectorConfig } from './collector-grade.ts';
import { gradeReading } from './reading-grade.ts';

/** What grading gives back: the run of a program, none for a configuration or answers. */
export type Graded = Pick<GradedRun, 'results'> & Partial<Pick<GradedRun, 'run'>>;

/**
 * Grades `code` for an exercise of any kind, as its page's Run or Check would: a program runs in
 * `session`'s runtime; a Collector configuration and trace-reading answers run nowhere.
 */
export async function gradeAny(source: ExerciseSource, code: string, session: RunSession): Promise<Graded> {
  switch (source.meta.kind) {
    case 'trace-reading':
      return gradeReading(source, code);
    case 'collector-config':
      return { results: (await gradeCollectorConfig(source, code, checkLoaderOf(source.id))).results };
    default:
      return session.grade(source, code, checksOf(source.id));
  }
}
