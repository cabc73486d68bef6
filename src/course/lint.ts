import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { lessonObjectives, objectiveReferenceProblems } from './objectives.ts';
import { placeholderProblems } from './placeholders.ts';
import { courseSchema, exerciseFilesOf, exerciseKinds, exerciseSchema, glossaryTermSchema, lessonSchema, type ExerciseKind } from './schemas.ts';
import { lessonSlugFromFile } from './slugs.ts';
import { didYouMean } from './suggest.ts';
import { checkYamlFields, frontmatterOf } from './yaml-fields.ts';

/** A content mistake, located precisely enough for an instructor to fix it. */
export interface ContentProblem {
  /** Path relative to the content folder, e.g. `lessons/03-custom-spans.mdx`. */
  file: string;
  line?: number | undefined;
  message: string;
}

export function formatProblem(p: ContentProblem, contentDir?: string): string {
  const file = contentDir ? path.join(contentDir, p.file) : p.file;
  return `${file}${p.line ? `:${p.line}` : ''}: ${p.message}`;
}

/** `<Term id="span">` and `<Exercise id="...">` with their line numbers. */
export function findComponentIds(source: string, component: string): Array<{ id: string; line: number }> {
  const found: Array<{ id: string; line: number }> = [];
  const pattern = new RegExp(`<${component}\\b[^>]*?\\bid\\s*=\\s*(?:"([^"]*)"|'([^']*)'|\\{)`, 'g');
  for (const match of source.matchAll(pattern)) {
    const line = source.slice(0, match.index).split('\n').length;
    const id = match[1] ?? match[2];
    found.push({ id: id ?? '', line });
  }
  return found;
}

function readYamlKeys(file: string, rel: string, problems: ContentProblem[]): Set<string> {
  if (!fs.existsSync(file)) {
    problems.push({ file: rel, message: 'file is missing' });
    return new Set();
  }
  try {
    const data: unknown = parseYaml(fs.readFileSync(file, 'utf8'));
    if (data && typeof data === 'object' && !Array.isArray(data)) return new Set(Object.keys(data));
    problems.push({ file: rel, message: 'must be a mapping of term ids to { term, definition }' });
  } catch (error) {
    const yamlError = error as { message: string; linePos?: Array<{ line: number }> };
    problems.push({ file: rel, line: yamlError.linePos?.[0]?.line, message: `invalid YAML: ${yamlError.message}` });
  }
  return new Set();
}

/** Every `<Term id>` and `<Exercise id>` of a lesson names something that exists. */
export function referenceProblems(rel: string, source: string, terms: ReadonlySet<string>, exerciseIds: readonly string[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const { id, line } of findComponentIds(source, 'Term')) {
    if (!id) problems.push({ file: rel, line, message: '<Term> needs a literal id="..." naming a glossary entry' });
    else if (!terms.has(id)) {
      problems.push({ file: rel, line, message: `<Term id="${id}">: no term "${id}" in glossary.yaml${didYouMean(id, terms)}` });
    }
  }
  for (const { id, line } of findComponentIds(source, 'Exercise')) {
    if (!id) problems.push({ file: rel, line, message: '<Exercise> needs a literal id="..." naming a folder in exercises/' });
    else if (!exerciseIds.includes(id)) {
      problems.push({ file: rel, line, message: `<Exercise id="${id}">: no folder exercises/${id}/${didYouMean(id, exerciseIds)}` });
    }
  }
  return problems;
}

/** Every entry of `glossary.yaml` against the term schema, at its line. */
function glossaryEntryProblems(contentDir: string, ids: ReadonlySet<string>): ContentProblem[] {
  const file = path.join(contentDir, 'glossary.yaml');
  if (ids.size === 0 || !fs.existsSync(file)) return [];
  const source = fs.readFileSync(file, 'utf8');
  return [...ids].flatMap((id) => checkYamlFields(source, glossaryTermSchema, 'glossary term', 1, [id]).problems.map((p) => ({ file: 'glossary.yaml', ...p })));
}

/** `course.yaml`: present and matching its schema. */
function courseFileProblems(contentDir: string): ContentProblem[] {
  const file = path.join(contentDir, 'course.yaml');
  if (!fs.existsSync(file)) return [{ file: 'course.yaml', message: 'file is missing' }];
  return checkYamlFields(fs.readFileSync(file, 'utf8'), courseSchema, 'course').problems.map((p) => ({ file: 'course.yaml', ...p }));
}

/** Glossary term ids of a content folder (empty when the glossary is missing or broken). */
export function glossaryIds(contentDir: string): Set<string> {
  return readYamlKeys(path.join(contentDir, 'glossary.yaml'), 'glossary.yaml', []);
}

/** Exercise folder names of a content folder. */
export function exerciseFolderIds(contentDir: string): string[] {
  const dir = path.join(contentDir, 'exercises');
  return fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];
}

/**
 * Cross-file checks that a per-file schema cannot make: every glossary term and exercise a
 * lesson names exists, every exercise folder is complete and belongs to a lesson, and no two
 * lessons share a slug; and every lesson's frontmatter, exercise.yaml and course.yaml against their
 * (strict) schemas, with the line of each mistake.
 */
export function lintCourse(contentDir: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const lessonsDir = path.join(contentDir, 'lessons');
  const exercisesDir = path.join(contentDir, 'exercises');

  if (!fs.existsSync(lessonsDir)) {
    return [{ file: 'lessons/', message: `no lessons folder in ${contentDir}` }];
  }
  const terms = readYamlKeys(path.join(contentDir, 'glossary.yaml'), 'glossary.yaml', problems);
  const exerciseIds = exerciseFolderIds(contentDir);

  problems.push(...courseFileProblems(contentDir), ...glossaryEntryProblems(contentDir, terms));
  const embedded = new Set<string>();
  const lessonFiles = fs.readdirSync(lessonsDir).filter((f) => f.endsWith('.mdx')).sort();
  if (lessonFiles.length === 0) problems.push({ file: 'lessons/', message: 'no .mdx lessons found' });
  const slugs = new Map<string, string>();
  for (const name of lessonFiles) {
    const rel = `lessons/${name}`;
    const slug = lessonSlugFromFile(name);
    const twin = slugs.get(slug);
    if (twin) problems.push({ file: rel, message: `slug "${slug}" is also used by ${twin}; rename one file` });
    slugs.set(slug, rel);

    const source = fs.readFileSync(path.join(lessonsDir, name), 'utf8');
    const frontmatter = frontmatterOf(source);
    if (frontmatter === undefined) problems.push({ file: rel, line: 1, message: 'no frontmatter: a lesson starts with its fields between two `---` lines' });
    else for (const p of checkYamlFields(frontmatter, lessonSchema, 'lesson', 2).problems) problems.push({ file: rel, ...p });
    problems.push(...referenceProblems(rel, source, terms, exerciseIds), ...placeholderProblems(rel, source));
    for (const { id } of findComponentIds(source, 'Exercise')) embedded.add(id);
  }

  const objectivesOf = lessonObjectives(contentDir);
  for (const id of exerciseIds) {
    const dir = path.join(exercisesDir, id);
    // The kind decides which files the folder needs; the schema check below reports a bad kind.
    const declaredKind = /^kind:\s*([\w-]+)/m.exec(fs.existsSync(path.join(dir, 'exercise.yaml')) ? fs.readFileSync(path.join(dir, 'exercise.yaml'), 'utf8') : '')?.[1];
    const kind: ExerciseKind = (exerciseKinds as readonly string[]).includes(declaredKind ?? '') ? (declaredKind as ExerciseKind) : 'program';
    for (const required of ['exercise.yaml', ...Object.values(exerciseFilesOf(kind))]) {
      if (!fs.existsSync(path.join(dir, required))) {
        problems.push({ file: `exercises/${id}/${required}`, message: 'file is missing' });
      }
    }
    for (const name of fs.readdirSync(dir).filter((f) => /\.(ya?ml|ts|md)$/.test(f)).sort()) {
      problems.push(...placeholderProblems(`exercises/${id}/${name}`, fs.readFileSync(path.join(dir, name), 'utf8')));
    }
    const metaFile = path.join(dir, 'exercise.yaml');
    if (!fs.existsSync(metaFile)) continue;
    const rel = `exercises/${id}/exercise.yaml`;
    const text = fs.readFileSync(metaFile, 'utf8');
    const { data: meta, problems: fieldProblems } = checkYamlFields(text, exerciseSchema, 'exercise');
    for (const p of fieldProblems) problems.push({ file: rel, ...p });
    if (!meta) continue;
    if (!slugs.has(meta.lesson)) problems.push({ file: rel, message: `lesson: no lesson with slug "${meta.lesson}"${didYouMean(meta.lesson, slugs.keys())}` });
    else if (!embedded.has(id)) {
      problems.push({ file: rel, message: `exercise \`${id}\` is not embedded in any lesson: add <Exercise id="${id}" /> to ${slugs.get(meta.lesson)}` });
    }
    const lesson = objectivesOf.find((l) => l.slug === meta.lesson);
    if (lesson) problems.push(...objectiveReferenceProblems(rel, text, meta.objectives, lesson));
    for (const [field, name] of [['scenario', meta.scenario], ...meta.readonly.map((f) => ['readonly', f] as const)] as const) {
      if (name && !fs.existsSync(path.join(dir, name))) problems.push({ file: rel, message: `${field}: no file ${name} in exercises/${id}/` });
    }
  }
  return problems;
}
