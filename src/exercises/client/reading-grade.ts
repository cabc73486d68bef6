import type { CheckResults } from '../../checks/index.ts';
import { isTraceReading, type TraceReading } from '../../trace-reading/define.ts';
import type { ExerciseSource } from '../request.ts';
import { checkLoaderOf } from './check-loaders.ts';

/** The trace, questions and answers of a trace-reading exercise (its checks.ts). */
export async function loadReading(source: ExerciseSource): Promise<TraceReading> {
  const reading = (await checkLoaderOf(source.id)()).default;
  if (!isTraceReading(reading)) throw new Error(`The checks of ${source.id} are not a trace reading (defineTraceReading).`);
  return reading;
}

/** Grades answers.yaml text; what the page's Check and `check:content` call. */
export async function gradeReading(source: ExerciseSource, text: string): Promise<{ results: CheckResults }> {
  const [reading, { gradeTraceReading }] = await Promise.all([loadReading(source), import('../../trace-reading/grade.ts')]);
  return { results: gradeTraceReading(reading, text, source.meta.file) };
}
