import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { exerciseFolderIds, formatProblem, glossaryIds, referenceProblems, type ContentProblem } from './lint.ts';
import { lessonSchema } from './schemas.ts';
import { checkYamlFields, frontmatterOf } from './yaml-fields.ts';

/** A Vite error located in a lesson: the dev server's overlay and terminal show its file and line. */
interface LocatedError extends Error {
  id: string;
  loc: { file: string; line: number; column: number };
}

/**
 * Checks a lesson's frontmatter fields, and its `<Term id>` and `<Exercise id>` against the
 * glossary and the exercise folders, each time the lesson is compiled. The build lints the whole course before it starts;
 * the dev server compiles a lesson when it is opened or edited, and without this a bad id would
 * only surface while rendering, as an error inside a component with no lesson file or line.
 */
export function lessonReferenceCheck(contentDir: string): Plugin {
  const lessonsDir = path.join(contentDir, 'lessons') + path.sep;
  return {
    name: 'course-lesson-references',
    enforce: 'pre',
    transform(_code, id) {
      const file = id.split('?')[0]!;
      if (!file.endsWith('.mdx') || !path.normalize(file).startsWith(lessonsDir)) return;
      const rel = path.relative(contentDir, file).split(path.sep).join('/');
      const source = fs.readFileSync(file, 'utf8');
      const frontmatter = frontmatterOf(source);
      const problems: ContentProblem[] = [
        ...(frontmatter === undefined ? [] : checkYamlFields(frontmatter, lessonSchema, 'lesson', 2).problems.map((p) => ({ file: rel, ...p }))),
        // The glossary and exercise folders may have changed since the last compile: read them now.
        ...referenceProblems(rel, source, glossaryIds(contentDir), exerciseFolderIds(contentDir)),
      ];
      const first = problems[0];
      if (!first) return;
      const error = new Error(problems.map((p) => formatProblem(p, contentDir)).join('\n')) as LocatedError;
      error.id = file;
      error.loc = { file, line: first.line ?? 1, column: 1 };
      Object.defineProperty(error, 'stack', { value: error.message, enumerable: false });
      throw error;
    },
  };
}
