import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CheckResults, CheckStatus } from '../../checks/index.ts';
import type { ExerciseSource } from '../../exercises/request.ts';

type Exercise = Pick<ExerciseSource, 'id' | 'meta'>;

/** One learner's file, graded. */
export interface GradedSubmission {
  /** The file's name, relative to the graded folder. */
  file: string;
  results: CheckResults;
  /** Wall time of its grading, in seconds. */
  seconds: number;
}

export interface BatchResults {
  /** The shape of this file; bumped when it changes. */
  version: 1;
  exercise: { id: string; title: string };
  summary: { total: number } & Record<CheckStatus, number>;
  /** In file-name order. */
  submissions: GradedSubmission[];
  /** Wall time of the whole batch, in seconds. */
  seconds: number;
}

/** The files a learner would hand in for an exercise of this kind. */
export const submissionExtensions = (exercise: Exercise): readonly string[] =>
  exercise.meta.kind === 'collector-config' ? ['.yaml', '.yml'] : ['.ts'];

/** The submissions in `folder`: its files with the exercise's extensions (not hidden, not in subfolders), by name. */
export function submissionsIn(folder: string, extensions: readonly string[]): string[] {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && extensions.some((ext) => entry.name.endsWith(ext)))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b, 'en'));
}

/** How many submissions run at once by default: one per core, as each is its own Node process. */
export const defaultJobs = () => Math.max(1, os.availableParallelism());

/**
 * Grades every file with `grade`, `jobs` at a time, and gathers the results in file order. A
 * file whose grading throws (unreadable, say) is an `error` with the reason, never a lost row.
 */
export async function gradeBatch(
  exercise: Exercise,
  folder: string,
  files: readonly string[],
  grade: (code: string) => Promise<CheckResults>,
  jobs = defaultJobs(),
): Promise<BatchResults> {
  const started = performance.now();
  const graded: GradedSubmission[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      const file = files[index]!;
      const begun = performance.now();
      let results: CheckResults;
      try {
        results = await grade(fs.readFileSync(path.join(folder, file), 'utf8'));
      } catch (error) {
        results = { version: 2, status: 'error', message: `Could not grade ${file}: ${error instanceof Error ? error.message : String(error)}`, tests: [] };
      }
      graded[index] = { file, results, seconds: (performance.now() - begun) / 1000 };
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, jobs), Math.max(1, files.length)) }, worker));
  const count = (status: CheckStatus) => graded.filter((g) => g.results.status === status).length;
  return {
    version: 1,
    exercise: { id: exercise.id, title: exercise.meta.title },
    summary: { total: graded.length, pass: count('pass'), fail: count('fail'), error: count('error') },
    submissions: graded,
    seconds: (performance.now() - started) / 1000,
  };
}
