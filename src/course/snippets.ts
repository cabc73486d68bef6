import { parseFenceMeta, type CodeFenceMeta } from './code-blocks.ts';

/** A fenced code block of a lesson, with the line of its first code line (1-based). */
export interface CodeBlock {
  lang: string;
  meta: CodeFenceMeta;
  code: string;
  /** Line number, in the lesson file, of the first line of `code`. */
  firstLine: number;
}

const TS_LANGS = new Set(['ts', 'typescript', 'tsx']);

export function isTypeScript(block: CodeBlock): boolean {
  return TS_LANGS.has(block.lang);
}

/** Fenced blocks (``` or ~~~, possibly indented inside list items) in Markdown/MDX source. */
export function extractCodeBlocks(source: string): CodeBlock[] {
  const lines = source.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  let open: { fence: string; indent: number; lang: string; meta: string; start: number; body: string[] } | null = null;
  lines.forEach((line, index) => {
    if (!open) {
      const start = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)\s*(.*)$/.exec(line);
      if (start) {
        open = { fence: start[2]!, indent: start[1]!.length, lang: start[3]!.toLowerCase(), meta: start[4]!, start: index + 2, body: [] };
      }
      return;
    }
    const trimmed = line.trim();
    if (trimmed.startsWith(open.fence) && /^(`+|~+)$/.test(trimmed) && trimmed[0] === open.fence[0]) {
      blocks.push({ lang: open.lang, meta: parseFenceMeta(open.meta), code: open.body.join('\n'), firstLine: open.start });
      open = null;
      return;
    }
    // Inside a list item the fence is indented; so is every line of its body.
    const strip = Math.min(open.indent, line.length - line.trimStart().length);
    open.body.push(line.slice(strip));
  });
  return blocks;
}

/** The blocks the type-check compiles: every TypeScript block not marked `nocheck`. */
export function checkedBlocks(source: string): CodeBlock[] {
  return extractCodeBlocks(source).filter((b) => isTypeScript(b) && b.meta.nocheck === undefined);
}

/** TypeScript blocks shown without a type-check (`nocheck="why"`). */
export function uncheckedBlocks(source: string): CodeBlock[] {
  return extractCodeBlocks(source).filter((b) => isTypeScript(b) && b.meta.nocheck !== undefined);
}

const IMPORT_SPECIFIER = /\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;

/** The bare package names a block imports (`@scope/name`, `name`), without `node:` built-ins or relative paths. */
export function importedPackages(code: string): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(IMPORT_SPECIFIER)) {
    const spec = match[1]!;
    if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:')) continue;
    const parts = spec.split('/');
    names.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
  }
  return [...names];
}

/**
 * File names for one lesson's checked blocks: a block's title when it has one (so that
 * `server.ts` can import `./tracing.js`), otherwise `snippet-N.ts`. A repeated title keeps the
 * first block under the name and numbers the later ones.
 */
export function snippetFileNames(blocks: CodeBlock[]): string[] {
  const used = new Set<string>();
  return blocks.map((block, i) => {
    const title = block.meta.title && /^[\w.-]+\.tsx?$/.test(block.meta.title) ? block.meta.title : undefined;
    let name = title ?? `snippet-${i + 1}.ts`;
    if (used.has(name)) name = name.replace(/(\.tsx?)$/, `.${i + 1}$1`);
    used.add(name);
    return name;
  });
}
