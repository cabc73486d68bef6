/**
 * What the scaffolders need to know about a content folder: its lessons (file, slug, number,
 * order) and whether a slug is acceptable. Reads files only; writing is the scaffolders' job.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { exerciseSchema } from '../../src/course/schemas.ts';
import { lessonSlugFromFile } from '../../src/course/slugs.ts';

/** A mistake in the command's input: printed as it is, without a stack trace. */
export class ScaffoldError extends Error {
  override name = 'ScaffoldError';
}

export interface LessonFile {
  /** File name inside `lessons/`, e.g. `03-custom-spans.mdx`. */
  file: string;
  slug: string;
  /** The `NN-` prefix of the file name, or 0 without one. */
  number: number;
  /** The frontmatter `order`, when it is a number. */
  order?: number;
}

/**
 * Lesson and exercise ids share the schema's slug rule; reusing the schema keeps the
 * scaffolders from accepting a name that the build would then reject.
 */
export function assertSlug(value: string | undefined, what: 'lesson slug' | 'exercise id'): string {
  if (!value) throw new ScaffoldError(`Missing the ${what}.`);
  const result = exerciseSchema.shape.lesson.safeParse(value);
  if (!result.success) {
    throw new ScaffoldError(`Bad ${what} "${value}": ${result.error.issues[0]?.message ?? 'not a slug'}.`);
  }
  return value;
}

export function lessonsDir(contentDir: string): string {
  const dir = path.join(contentDir, 'lessons');
  if (!fs.existsSync(dir)) throw new ScaffoldError(`No lessons folder in ${contentDir} (is COURSE_CONTENT_DIR right?).`);
  return dir;
}

function frontmatterOrder(source: string): number | undefined {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
  if (!match) return undefined;
  try {
    const data: unknown = parseYaml(match[1]!);
    const order = data && typeof data === 'object' ? (data as Record<string, unknown>).order : undefined;
    return typeof order === 'number' && Number.isFinite(order) ? order : undefined;
  } catch {
    // A broken frontmatter is check:content's to report; the scaffolder only needs the others.
    return undefined;
  }
}

export function listLessons(contentDir: string): LessonFile[] {
  const dir = lessonsDir(contentDir);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((file) => {
      const number = /^(\d+)-/.exec(file)?.[1];
      const order = frontmatterOrder(fs.readFileSync(path.join(dir, file), 'utf8'));
      return { file, slug: lessonSlugFromFile(file), number: number ? Number(number) : 0, ...(order !== undefined ? { order } : {}) };
    });
}

/** "custom-spans" -> "Custom spans": a first title an instructor will usually rewrite. */
export function titleFromSlug(slug: string): string {
  const words = slug.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A path relative to the working directory when it is inside it, else absolute. */
export function shortPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
