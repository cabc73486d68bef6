import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveCoursePaths } from './course/paths.ts';
import { exerciseSchema, glossaryTermSchema, lessonSchema } from './course/schemas.ts';
import { lessonSlugFromFile } from './course/slugs.ts';

// The whole course comes from one folder, so a fork or a fixture course builds with this engine.
const { contentDir } = resolveCoursePaths();
const folder = (name: string) => pathToFileURL(path.join(contentDir, name) + path.sep);

const lessons = defineCollection({
  loader: glob({
    pattern: '*.mdx',
    base: folder('lessons'),
    generateId: ({ entry }) => lessonSlugFromFile(entry),
  }),
  schema: lessonSchema,
});

const exercises = defineCollection({
  loader: glob({
    pattern: '*/exercise.yaml',
    base: folder('exercises'),
    generateId: ({ entry }) => entry.split('/')[0]!,
  }),
  schema: exerciseSchema,
});

const glossary = defineCollection({
  loader: file(path.join(contentDir, 'glossary.yaml')),
  schema: glossaryTermSchema,
});

export const collections = { lessons, exercises, glossary };
