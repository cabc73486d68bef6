import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { markdownConfigDefaults } from '@astrojs/internal-helpers/markdown';
// Astro's own MDX pipeline (what @astrojs/mdx runs for every .mdx file), so that a lesson the
// build rejects is rejected here first, with the same message.
import { satteri } from '@astrojs/markdown-satteri';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ContentProblem } from './lint.ts';
import { courseMarkdown } from './markdown-config.ts';
import { projectRoot } from './paths.ts';

/** What to do about the MDX mistakes instructors make most. */
function suggestionFor(reason: string): string {
  const unclosed = /Expected a closing tag for `<(\w+)>`/.exec(reason);
  if (unclosed) return `close it with </${unclosed[1]}> (in the same paragraph, or after a blank line on a line of its own), or write <${unclosed[1]} ... /> if it has no content`;
  const stray = /Unexpected closing tag `<\/(\w+)>`/.exec(reason);
  if (stray) return `remove </${stray[1]}>, or open <${stray[1]}> before it`;
  if (/acorn|expression/i.test(reason)) return 'a { in text starts a JavaScript expression: write \\{ for a literal brace, or put code in backticks';
  if (/before name|Unexpected character `[^`]*` \(U\+[0-9A-F]+\) before/i.test(reason)) return 'a < in text starts a tag: write \\< or &lt; for a literal <, or put code in backticks';
  return 'see docs/writing-lessons.md for the MDX rules';
}

/** `15:1: Expected ... (mdx-jsx:...)` -> line, column and the reason without either. */
function locate(error: unknown): { line?: number; column?: number; reason: string } {
  const e = error as { message?: string; line?: number; column?: number };
  const message = e.message ?? String(error);
  const at = /^(\d+):(\d+):\s*/.exec(message);
  const reason = message.replace(/^\d+:\d+:\s*/, '').replace(/\s*\(\d+:\d+\)/g, '').replace(/\s*\([\w-]+:[\w-]+\)$/, '');
  const line = e.line ?? (at ? Number(at[1]) : undefined);
  const column = e.column ?? (at ? Number(at[2]) : undefined);
  return { ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}), reason };
}

/**
 * Compiles every lesson with the MDX pipeline and Markdown options of the build, and reports
 * the ones that do not compile with their line and a suggestion.
 */
export async function mdxCompileProblems(contentDir: string): Promise<ContentProblem[]> {
  const dir = path.join(contentDir, 'lessons');
  if (!fs.existsSync(dir)) return [];
  const processor = satteri();
  if (!processor.createMdxRenderer) return [{ file: 'lessons/', message: 'the installed Markdown processor cannot compile MDX' }];
  const renderer = await processor.createMdxRenderer(
    { ...markdownConfigDefaults, shikiConfig: { ...markdownConfigDefaults.shikiConfig, ...courseMarkdown.shikiConfig } },
    { optimize: false, srcDir: pathToFileURL(path.join(projectRoot, 'src') + path.sep), sourcemap: false },
  );
  const problems: ContentProblem[] = [];
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.mdx')).sort()) {
    const file = path.join(dir, name);
    try {
      // Frontmatter replaced by blank lines, as the build does, so that lines stay the file's own.
      const { frontmatter, content } = parseFrontmatter(fs.readFileSync(file, 'utf8'), { frontmatter: 'empty-with-spaces' });
      await renderer.process(content, file, frontmatter);
    } catch (error) {
      const { line, reason } = locate(error);
      problems.push({ file: `lessons/${name}`, line, message: `does not compile: ${reason}; ${suggestionFor(reason)}` });
    }
  }
  return problems;
}
