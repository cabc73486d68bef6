import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { lessonSlugFromFile } from '../../src/course/slugs.ts';
import { listExercises } from '../../src/exercises/load.ts';
import { repoRoot } from './content.ts';

/** This course's own content: what the `course` tests (tests/*\/course/) are about. */
export const courseContent = path.join(repoRoot, 'content');

/** Lesson files of a content folder that are published (not drafts), in file order. */
export function lessonFiles(contentDir: string): string[] {
  const dir = path.join(contentDir, 'lessons');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.mdx') && !/^draft:\s*true\s*$/m.test(fs.readFileSync(path.join(dir, f), 'utf8')))
    .sort();
}

/** The URL of every published lesson of a content folder. */
export function lessonPaths(contentDir: string): string[] {
  return lessonFiles(contentDir).map((f) => `/lessons/${lessonSlugFromFile(f)}/`);
}

/** The full-screen page of every exercise of a content folder. */
export function exercisePaths(contentDir: string): string[] {
  return listExercises(contentDir).map((id) => `/exercises/${id}/`);
}

export interface GlossaryEntry {
  term: string;
  definition: string;
}

export function readGlossary(contentDir: string): Record<string, GlossaryEntry> {
  return parse(fs.readFileSync(path.join(contentDir, 'glossary.yaml'), 'utf8')) as Record<string, GlossaryEntry>;
}
