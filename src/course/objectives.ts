/**
 * Lesson objectives and the exercises that practise them. An exercise names the objectives it
 * practises by their text, copied from its lesson's frontmatter: an instructor reading
 * exercise.yaml sees which ability it trains, and rewording an objective breaks the reference
 * loudly instead of silently pointing it at another one (as a number would after a reorder).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ContentProblem } from './lint.ts';
import { lessonSlugFromFile } from './slugs.ts';
import { editDistance } from './suggest.ts';
import { frontmatterOf, yamlLineAt } from './yaml-fields.ts';

/** A lesson's objectives, with where each one is written. */
export interface LessonObjectives {
  /** Relative to the content folder, e.g. `lessons/03-custom-spans.mdx`. */
  file: string;
  slug: string;
  objectives: string[];
  /** The file line of each objective, in the same order. */
  lines: Array<number | undefined>;
}

/** Line breaks and runs of spaces do not count: YAML may fold a long objective over two lines. */
const normalized = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function sameObjective(a: string, b: string): boolean {
  return normalized(a) === normalized(b);
}

/** The objective closest to `text` (fewest edits), however far: a reworded one is still found. */
export function nearestObjective(text: string, objectives: readonly string[]): string | undefined {
  let best: { objective: string; distance: number } | undefined;
  for (const objective of objectives) {
    const distance = editDistance(normalized(text).toLowerCase(), normalized(objective).toLowerCase());
    if (distance < (best?.distance ?? Infinity)) best = { objective, distance };
  }
  return best?.objective;
}

const quoted = (text: string): string => JSON.stringify(normalized(text));

/**
 * What is wrong with the `objectives` of one exercise.yaml (`rel`, text `source`), given its
 * lesson's: missing while the lesson has objectives, or naming text that is not one of them.
 */
export function objectiveReferenceProblems(rel: string, source: string, named: readonly string[] | undefined, lesson: LessonObjectives): ContentProblem[] {
  const { objectives } = lesson;
  if (named === undefined) {
    if (objectives.length === 0) return [];
    const list = objectives.map((o, i) => `  ${i + 1}. ${normalized(o)}`).join('\n');
    return [{ file: rel, message: `\`objectives\` is missing: name the objective(s) of ${lesson.file} that this exercise practises, copied word for word:\n${list}` }];
  }
  if (objectives.length === 0) {
    return [{ file: rel, line: yamlLineAt(source, ['objectives']), message: `objectives: ${lesson.file} has no objectives; add them to the lesson, or remove \`objectives\` here` }];
  }
  return named.flatMap((text, i) => {
    if (objectives.some((o) => sameObjective(o, text))) return [];
    const nearest = nearestObjective(text, objectives)!;
    const position = objectives.indexOf(nearest) + 1;
    return [{
      file: rel,
      line: yamlLineAt(source, ['objectives', i]),
      message: `objectives[${i}]: ${quoted(text)} is not an objective of ${lesson.file}; the nearest is objective ${position}, ${quoted(nearest)} (reworded? copy the lesson's text)`,
    }];
  });
}

/** Objectives of every lesson whose frontmatter parses; a broken one is the lint's to report. */
export function lessonObjectives(contentDir: string): LessonObjectives[] {
  const dir = path.join(contentDir, 'lessons');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.mdx')).sort().flatMap((name) => {
    const frontmatter = frontmatterOf(fs.readFileSync(path.join(dir, name), 'utf8'));
    if (frontmatter === undefined) return [];
    const objectives = stringList(safeYaml(frontmatter), 'objectives');
    return [{ file: `lessons/${name}`, slug: lessonSlugFromFile(name), objectives, lines: objectives.map((_, i) => yamlLineAt(frontmatter, ['objectives', i], 2)) }];
  });
}

function safeYaml(text: string): unknown {
  try {
    return parseYaml(text);
  } catch {
    return undefined;
  }
}

function stringList(data: unknown, key: string): string[] {
  const value = data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** One objective of one lesson and the exercises that name it. */
export interface CoverageRow {
  lesson: string;
  objective: string;
  exercises: string[];
}

export interface ObjectiveCoverage {
  rows: CoverageRow[];
  /** One per objective that no exercise practises, at its line in the lesson. */
  problems: ContentProblem[];
}

/** Which exercises practise each objective of each lesson, and which objectives none does. */
export function objectiveCoverage(contentDir: string): ObjectiveCoverage {
  const exercises = exerciseObjectives(contentDir);
  const rows: CoverageRow[] = [];
  const problems: ContentProblem[] = [];
  for (const lesson of lessonObjectives(contentDir)) {
    const ofLesson = exercises.filter((e) => e.lesson === lesson.slug);
    lesson.objectives.forEach((objective, i) => {
      const practising = ofLesson.filter((e) => e.objectives.some((o) => sameObjective(o, objective))).map((e) => e.id);
      rows.push({ lesson: lesson.slug, objective: normalized(objective), exercises: practising });
      if (practising.length > 0) return;
      const others = ofLesson.length ? `its exercises: ${ofLesson.map((e) => e.id).join(', ')}` : 'it has no exercise yet';
      problems.push({
        file: lesson.file,
        line: lesson.lines[i],
        message: `objective ${i + 1}, ${quoted(objective)}, has no exercise: name it in the \`objectives\` of an exercise of this lesson (${others}), write one, or reword the objective`,
      });
    });
  }
  return { rows, problems };
}

function exerciseObjectives(contentDir: string): Array<{ id: string; lesson: string; objectives: string[] }> {
  const dir = path.join(contentDir, 'exercises');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort().flatMap((id) => {
    const file = path.join(dir, id, 'exercise.yaml');
    if (!fs.existsSync(file)) return [];
    const data = safeYaml(fs.readFileSync(file, 'utf8'));
    const lesson = data && typeof data === 'object' ? (data as Record<string, unknown>).lesson : undefined;
    return typeof lesson === 'string' ? [{ id, lesson, objectives: stringList(data, 'objectives') }] : [];
  });
}

/** The coverage as a plain-text table: lesson, objective (shortened to fit), exercises. */
export function coverageTable(rows: readonly CoverageRow[], objectiveWidth = 64): string {
  const lessonWidth = Math.max(6, ...rows.map((r) => r.lesson.length));
  const fit = (text: string) => (text.length > objectiveWidth ? `${text.slice(0, objectiveWidth - 1)}…` : text.padEnd(objectiveWidth));
  const line = (lesson: string, objective: string, exercises: string) => `${lesson.padEnd(lessonWidth)}  ${fit(objective)}  ${exercises}`.trimEnd();
  return [
    line('lesson', 'objective', 'exercises'),
    ...rows.map((r) => line(r.lesson, r.objective, r.exercises.length ? r.exercises.join(', ') : '✗ none')),
  ].join('\n');
}
