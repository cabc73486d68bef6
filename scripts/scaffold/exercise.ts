/**
 * `npm run new:exercise`: an exercise folder of any kind that passes `check:content` once it is
 * embedded in its lesson (exercise-kinds.ts has one scaffold per kind), naming the lesson
 * objectives it practises.
 */
import fs from 'node:fs';
import path from 'node:path';
import { lessonObjectives } from '../../src/course/objectives.ts';
import type { ExerciseKind } from '../../src/course/schemas.ts';
import { assertSlug, listLessons, ScaffoldError, titleFromSlug, type LessonFile } from './content-folder.ts';
import { exerciseScaffolds } from './exercise-kinds.ts';
import { chooseObjectives } from './objective-choice.ts';

export interface NewExercise {
  /** Absolute path of the folder written. */
  dir: string;
  id: string;
  /** The lesson file the exercise belongs to, e.g. `lessons/08-queues.mdx`. */
  lessonFile: string;
  files: string[];
}

export interface ExerciseOptions {
  lesson?: string;
  title?: string;
  kind?: string;
  /** `--objective` values: numbers from the lesson's list or objective texts. */
  objectives?: readonly string[];
}

/** The lesson a new exercise belongs to, with its objectives; a ScaffoldError names the known ones. */
export function lessonForExercise(contentDir: string, slugInput: string | undefined): LessonFile & { objectives: string[] } {
  const lessonSlug = assertSlug(slugInput, 'lesson slug');
  const lessons = listLessons(contentDir);
  const lesson = lessons.find((l) => l.slug === lessonSlug);
  if (!lesson) {
    const known = lessons.map((l) => l.slug).join(', ') || 'none';
    throw new ScaffoldError(`No lesson with the slug "${lessonSlug}" in ${path.join(contentDir, 'lessons')}. Lessons: ${known}.`);
  }
  return { ...lesson, objectives: lessonObjectives(contentDir).find((l) => l.slug === lessonSlug)?.objectives ?? [] };
}

export function exerciseKind(kind = 'program'): ExerciseKind {
  if (!Object.hasOwn(exerciseScaffolds, kind)) throw new ScaffoldError(`No exercise kind "${kind}". Kinds: ${Object.keys(exerciseScaffolds).join(', ')}.`);
  return kind as ExerciseKind;
}

export function scaffoldExercise(contentDir: string, idInput: string | undefined, options: ExerciseOptions): NewExercise {
  const id = assertSlug(idInput, 'exercise id');
  const lesson = lessonForExercise(contentDir, options.lesson);
  const dir = path.join(contentDir, 'exercises', id);
  if (fs.existsSync(dir)) throw new ScaffoldError(`exercises/${id}/ already exists. Choose another id, or edit that folder.`);
  const title = options.title?.trim() || titleFromSlug(id);
  if (title.length < 3) throw new ScaffoldError(`The title "${title}" is too short: an exercise title needs at least 3 characters.`);
  const kind = exerciseKind(options.kind);
  const objectives = chooseObjectives(options.objectives ?? [], lesson.objectives, `lessons/${lesson.file}`);

  const files = exerciseScaffolds[kind].files({ id, title, lesson: lesson.slug, objectives });
  fs.mkdirSync(path.join(contentDir, 'exercises'), { recursive: true });
  // Without `recursive`, mkdir fails if the folder appeared meanwhile: nothing is overwritten.
  fs.mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text, { flag: 'wx' });
  return { dir, id, lessonFile: `lessons/${lesson.file}`, files: Object.keys(files) };
}
