/**
 * The reference trace of an exercise: the spans its solution ends, recorded when the site is
 * built and shipped as `/reference-traces/<exercise id>.json`, for the learner to compare with.
 * The file is the build's own output, so reading it checks its shape only as far as a stale or
 * damaged file would break it, without a schema library in the page's bundle.
 */
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { spanRecordProblem } from './span-record-shape.ts';

export interface ReferenceTrace {
  exercise: string;
  /** Every span of the solution's run, ended or not. */
  spans: SpanRecord[];
}

/** Reads a reference trace file; throws naming the first field that does not fit. */
export function parseReferenceTrace(data: unknown): ReferenceTrace {
  const fail = (where: string, what: string) => {
    throw new Error(`The reference trace is not valid: ${where} ${what}.`);
  };
  if (typeof data !== 'object' || data === null) return fail('the file', 'is not a JSON object');
  const { exercise, spans } = data as Record<string, unknown>;
  if (typeof exercise !== 'string') fail('"exercise"', 'is not a string');
  if (!Array.isArray(spans)) return fail('"spans"', 'is not a list');
  spans.forEach((span: unknown, i) => {
    const problem = spanRecordProblem(span);
    if (problem) fail(problem.field ? `spans[${i}].${problem.field}` : `spans[${i}]`, problem.what);
  });
  return { exercise: exercise as string, spans: spans as SpanRecord[] };
}
