import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { resolveCoursePaths } from './paths.ts';
import { courseSchema, type CourseMeta } from './schemas.ts';

let cached: CourseMeta | undefined;

/** `course.yaml` of the content folder, validated; a mistake names the file and the field. */
export function getCourseMeta(): CourseMeta {
  if (cached) return cached;
  const file = path.join(resolveCoursePaths().contentDir, 'course.yaml');
  const result = courseSchema.safeParse(parseYaml(fs.readFileSync(file, 'utf8')));
  if (!result.success) {
    const fields = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new Error(`${file} does not match the course schema:\n${fields}`);
  }
  cached = result.data;
  return cached;
}
