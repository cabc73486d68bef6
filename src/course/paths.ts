import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file lives at `src/course/paths.ts`. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CoursePaths {
  /** Absolute path of the course content folder (lessons, exercises, glossary). */
  contentDir: string;
  /** Absolute path the static site is written to. */
  outDir: string;
  /**
   * Astro's cache (content data store). One per content folder, so that building a fixture
   * course never reuses entries of the main course. Two builds of one repository still cannot
   * run at once: Astro writes the project's own .astro/ folder (content modules) whatever this is.
   */
  cacheDir: string;
  /** True when the content folder is the repository's own `content/`. */
  isDefault: boolean;
}

/**
 * Where the course comes from and where it goes. An instructor's fork keeps `content/`;
 * tests and other courses point `COURSE_CONTENT_DIR` at another folder (and usually
 * `COURSE_OUT_DIR` at another output folder).
 */
export function resolveCoursePaths(env: NodeJS.ProcessEnv = process.env, root = projectRoot): CoursePaths {
  const defaultContent = path.join(root, 'content');
  const contentDir = env.COURSE_CONTENT_DIR ? path.resolve(root, env.COURSE_CONTENT_DIR) : defaultContent;
  const isDefault = contentDir === defaultContent;
  const outDir = env.COURSE_OUT_DIR ? path.resolve(root, env.COURSE_OUT_DIR) : path.join(root, 'dist');
  const key = isDefault ? 'course' : createHash('sha256').update(contentDir).digest('hex').slice(0, 12);
  const cacheDir = path.join(root, 'node_modules', '.astro-cache', key);
  return { contentDir, outDir, cacheDir, isDefault };
}

/**
 * A fresh output folder for a build of another course (tests, content checks, benchmarks).
 * Inside the repository on purpose: for an output folder elsewhere, Astro puts its prerender
 * chunks in one shared `.astro` folder of the project, and two such builds at once collide.
 */
export function scratchOutDir(label: string, root = projectRoot): string {
  const parent = path.join(root, 'node_modules', '.cache', 'course-builds');
  fs.mkdirSync(parent, { recursive: true });
  return fs.mkdtempSync(path.join(parent, `${label}-`));
}
