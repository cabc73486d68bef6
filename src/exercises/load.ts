import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { exerciseFilesOf, exerciseSchema } from '../course/schemas.ts';
import type { ExerciseSource } from './request.ts';

export interface LoadedExercise extends ExerciseSource {
  dir: string;
  /** Absolute path of the exercise's checks.ts. */
  checksFile: string;
}

/** What a page gets of an exercise: everything but where it lives on this machine. */
export function exerciseSource(exercise: LoadedExercise): ExerciseSource {
  const { dir: _dir, checksFile: _checks, ...source } = exercise;
  return source;
}

export class ExerciseError extends Error {
  override name = 'ExerciseError';
}

export function listExercises(contentDir: string): string[] {
  const dir = path.join(contentDir, 'exercises');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'exercise.yaml')))
    .map((d) => d.name)
    .sort();
}

/** Reads an exercise folder; a mistake names the file and the field. */
export function loadExercise(contentDir: string, id: string): LoadedExercise {
  const dir = path.join(contentDir, 'exercises', id);
  const metaFile = path.join(dir, 'exercise.yaml');
  if (!fs.existsSync(metaFile)) {
    const known = listExercises(contentDir);
    throw new ExerciseError(`No exercise "${id}" (no ${metaFile}). Exercises: ${known.join(', ') || 'none'}.`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(fs.readFileSync(metaFile, 'utf8'));
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    throw new ExerciseError(`${metaFile}${line ? `:${line}` : ''}: invalid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = exerciseSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new ExerciseError(`${metaFile} does not match the exercise schema:\n${fields}`);
  }
  const meta = parsed.data;
  const read = (name: string) => {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) throw new ExerciseError(`${file} is missing.`);
    return fs.readFileSync(file, 'utf8');
  };
  const files: Record<string, string> = {};
  for (const name of [...meta.readonly, ...(meta.scenario ? [meta.scenario] : []), ...(meta.trace ? [meta.trace] : [])]) files[name] = read(name);
  const names = exerciseFilesOf(meta.kind);
  return { id, dir, meta, starter: read(names.starter), solution: read(names.solution), files, checksFile: path.join(dir, names.checks) };
}
