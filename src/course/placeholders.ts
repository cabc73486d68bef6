import type { ContentProblem } from './lint.ts';

/**
 * Marks text that `npm run new:lesson` and `new:exercise` write for the author to replace. The
 * content checks reject any file that still contains it, so a scaffold's sample sentences
 * ("One or two sentences for the home page...") cannot ship.
 */
export const PLACEHOLDER = 'TODO(author)';

/** One problem per line of `text` that still holds the placeholder mark. */
export function placeholderProblems(rel: string, text: string): ContentProblem[] {
  if (!text.includes(PLACEHOLDER)) return [];
  return text.split('\n').flatMap((line, index) =>
    line.includes(PLACEHOLDER)
      ? [{ file: rel, line: index + 1, message: `placeholder from the scaffold: replace the text marked ${PLACEHOLDER} (${excerpt(line)})` }]
      : [],
  );
}

function excerpt(line: string): string {
  const text = line.slice(line.indexOf(PLACEHOLDER) + PLACEHOLDER.length).replace(/^[:\s]+/, '').replace(/["']?\s*$/, '');
  return text.length > 48 ? `"${text.slice(0, 47)}…"` : `"${text}"`;
}
