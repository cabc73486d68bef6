/** What every exercise scaffold is given, and the YAML they all write from it. */

/** What every scaffold gets: the exercise's id, title, lesson, and the objectives it practises. */
export interface ExerciseScaffoldInput {
  id: string;
  title: string;
  lesson: string;
  /** Word for word from the lesson; empty when the lesson has none. */
  objectives: readonly string[];
}

/** The `objectives:` lines of an exercise.yaml, quoted (an objective may hold `: `), or none. */
export function objectivesYaml(objectives: readonly string[]): string {
  return objectives.length ? `objectives:\n${objectives.map((o) => `  - ${JSON.stringify(o)}\n`).join('')}` : '';
}
