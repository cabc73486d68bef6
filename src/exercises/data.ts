import { marked } from 'marked';
import { resolveCoursePaths } from '../course/paths.ts';
import { exerciseSource, loadExercise } from './load.ts';
import type { ExerciseSource } from './request.ts';

/** Everything an exercise page needs at build time. */
export interface ExercisePageData {
  source: ExerciseSource;
  promptHtml: string;
  hintsHtml: string[];
}

const inline = (markdown: string) => marked.parseInline(markdown, { async: false });

/** Reads an exercise of the course for a page; the prompt and hints are the instructor's Markdown. */
export function exercisePageData(id: string): ExercisePageData {
  const exercise = loadExercise(resolveCoursePaths().contentDir, id);
  return {
    source: exerciseSource(exercise),
    promptHtml: marked.parse(exercise.meta.prompt, { async: false }),
    hintsHtml: exercise.meta.hints.map(inline),
  };
}
