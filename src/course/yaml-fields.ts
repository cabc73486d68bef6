import type { z } from 'astro/zod';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { didYouMean, nearestName } from './suggest.ts';

/** A mistake in a YAML mapping, at the line of the key (or value) it is about. */
export interface FieldProblem {
  line?: number | undefined;
  message: string;
}

export interface FieldCheck<T> {
  /** The validated (and defaulted) data, when there was no problem. */
  data?: T;
  problems: FieldProblem[];
}

/** Where a key sits in the YAML source: line numbers of every top-level key and of nested nodes. */
class KeyLines {
  private readonly doc: ReturnType<typeof parseDocument>;
  private readonly lines: LineCounter;
  private readonly firstLine: number;

  constructor(doc: ReturnType<typeof parseDocument>, lines: LineCounter, firstLine: number) {
    this.doc = doc;
    this.lines = lines;
    this.firstLine = firstLine;
  }

  private lineOf(offset: number | undefined): number | undefined {
    return offset === undefined ? undefined : this.lines.linePos(offset).line + this.firstLine - 1;
  }

  /** Line of the key at `path` (e.g. ['order'] or ['hints', 2]), or of its closest existing parent. */
  at(path: ReadonlyArray<PropertyKey>): number | undefined {
    let node: unknown = this.doc.contents;
    let line: number | undefined;
    for (const step of path) {
      if (!isMap(node) && !(node && typeof node === 'object' && 'items' in node)) break;
      const items = (node as { items: unknown[] }).items;
      const item = isMap(node)
        ? items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step))
        : items[Number(step)];
      if (item === undefined) break;
      if (isPair(item)) {
        line = this.lineOf((item.key as YamlNode | null)?.range?.[0]) ?? line;
        node = item.value;
      } else {
        line = this.lineOf((item as YamlNode).range?.[0]) ?? line;
        node = item;
      }
    }
    return line;
  }
}

const quote = (name: PropertyKey): string => `\`${String(name)}\``;

/**
 * Validates a YAML mapping (a lesson's frontmatter, an exercise.yaml, course.yaml) against a
 * strict object schema, and says what is wrong in an instructor's terms: an unknown key with its
 * line and the nearest valid name, a missing required key together with the stray key that was
 * probably meant to be it, and any other mistake at the line of its key.
 *
 * @param kind what the mapping describes, for messages: "lesson", "exercise", "course".
 * @param firstLine the file line the YAML text starts on (2 for frontmatter after `---`).
 * @param at the path of the mapping to check inside the document, e.g. ['span'] for one entry
 *   of the glossary; the whole document by default.
 */
export function checkYamlFields<S extends z.ZodObject>(
  source: string,
  schema: S,
  kind: string,
  firstLine = 1,
  at: ReadonlyArray<string> = [],
): FieldCheck<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        line: lineCounter.linePos(e.pos[0]).line + firstLine - 1,
        message: `invalid YAML: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const raw: unknown = at.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), doc.toJS());
  const lines = new KeyLines(doc, lineCounter, firstLine);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { problems: [{ line: at.length ? lines.at(at) : firstLine, message: `expected ${kind} fields (key: value lines), found ${raw === null ? 'nothing' : Array.isArray(raw) ? 'a list' : 'a single value'}` }] };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { data: result.data, problems: [] };

  const fields = Object.keys(schema.shape);
  const present = new Set(Object.keys(raw));
  const unknown = result.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' && i.path.length === 0 ? i.keys : []));
  const problems: FieldProblem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const keyPath = [...at, ...issue.path, key];
        const known = issue.path.length === 0 ? fields : [];
        const hint = didYouMean(key, known) || (known.length ? ` (${kind} fields: ${known.join(', ')})` : '');
        problems.push({ line: lines.at(keyPath), message: `${quote(key)} is not ${article(kind)} ${kind} field${hint}` });
      }
      continue;
    }
    const [top] = issue.path;
    if (issue.path.length === 1 && typeof top === 'string' && !present.has(top)) {
      const misspelt = unknown.find((key) => nearestName(key, [top]) === top);
      problems.push({
        ...(misspelt ? { line: lines.at([...at, misspelt]) } : at.length ? { line: lines.at(at) } : {}),
        message: `${quote(top)} is missing${misspelt ? ` (is ${quote(misspelt)} a misspelling of it?)` : ''}: ${article(kind)} ${kind} needs it`,
      });
      continue;
    }
    const where = issue.path.length ? `${issue.path.map(String).join('.')}: ` : '';
    problems.push({ line: lines.at([...at, ...issue.path]), message: `${where}${issue.message}` });
  }
  return { problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** The YAML between the `---` lines at the top of an MDX file, or undefined without them. */
export function frontmatterOf(source: string): string | undefined {
  return /^---\r?\n([\s\S]*?)\r?\n?---(?:\r?\n|$)/.exec(source)?.[1];
}

/**
 * The line of the node at `path` in a YAML text (e.g. ['objectives', 1] for the second item of a
 * list), or of its closest existing parent.
 */
export function yamlLineAt(source: string, path: ReadonlyArray<PropertyKey>, firstLine = 1): number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  return new KeyLines(doc, lineCounter, firstLine).at(path);
}
