/**
 * Which of its lesson's objectives a new exercise practises: from `--objective` (a number from
 * the lesson's list or the objective's text), the lesson's only objective, or the author's
 * answer to a prompt. The text goes into exercise.yaml word for word, as the lint requires.
 */
import { nearestObjective, sameObjective } from '../../src/course/objectives.ts';
import { ScaffoldError } from './content-folder.ts';

const numbered = (objectives: readonly string[]): string => objectives.map((o, i) => `  ${i + 1}. ${o}`).join('\n');

/** One `--objective` value: `2` (the second objective) or the objective's text. */
function resolve(value: string, objectives: readonly string[], lessonFile: string): string {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    const objective = objectives[Number(trimmed) - 1];
    if (objective === undefined) throw new ScaffoldError(`--objective ${trimmed}: ${lessonFile} has ${objectives.length} objective(s):\n${numbered(objectives)}`);
    return objective;
  }
  const match = objectives.find((o) => sameObjective(o, trimmed));
  if (match !== undefined) return match;
  const nearest = nearestObjective(trimmed, objectives);
  throw new ScaffoldError(`--objective "${trimmed}" is not an objective of ${lessonFile}${nearest === undefined ? '' : `; the nearest is ${objectives.indexOf(nearest) + 1}. "${nearest}"`}. Its objectives:\n${numbered(objectives)}`);
}

/**
 * The objectives named on the command line; without any, the lesson's only one, or none for a
 * lesson without objectives. A lesson with several needs a choice: the command prompts for it
 * (`askObjectives`) or, without a terminal, this error lists them.
 */
export function chooseObjectives(requested: readonly string[], objectives: readonly string[], lessonFile: string): string[] {
  if (requested.length > 0) {
    if (objectives.length === 0) throw new ScaffoldError(`--objective: ${lessonFile} has no objectives. Add them to the lesson first, or leave out --objective.`);
    return [...new Set(requested.map((value) => resolve(value, objectives, lessonFile)))];
  }
  if (objectives.length <= 1) return [...objectives];
  throw new ScaffoldError(`${lessonFile} has ${objectives.length} objectives: name the one(s) this exercise practises with --objective <number or text> (repeat it for more):\n${numbered(objectives)}`);
}

/** Asks which objectives the exercise practises, by number, until the answer names only valid ones. */
export async function askObjectives(objectives: readonly string[], lessonFile: string, ask: (question: string) => Promise<string>): Promise<string[]> {
  const question = `Which objectives of ${lessonFile} does the exercise practise?\n${numbered(objectives)}\nNumbers, separated by commas: `;
  let note = '';
  for (;;) {
    const answer = (await ask(`${note}${question}`)).split(/[\s,]+/).filter(Boolean);
    if (answer.length > 0 && answer.every((n) => /^\d+$/.test(n) && Number(n) >= 1 && Number(n) <= objectives.length)) {
      return chooseObjectives(answer, objectives, lessonFile);
    }
    note = `Answer with numbers from 1 to ${objectives.length}.\n`;
  }
}
