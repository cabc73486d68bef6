/**
 * `01-traces-and-spans.mdx` -> `traces-and-spans`. The number only keeps the folder in
 * reading order; the lesson's `order` field decides its place in the course.
 */
export function lessonSlugFromFile(fileName: string): string {
  const base = fileName.split('/').pop()!.replace(/\.mdx?$/, '');
  return base.replace(/^\d+-/, '');
}
