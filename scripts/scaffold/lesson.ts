/** `npm run new:lesson`: a lesson file numbered after the last one, valid as generated. */
import fs from 'node:fs';
import path from 'node:path';
import { PLACEHOLDER } from '../../src/course/placeholders.ts';
import { assertSlug, lessonsDir, listLessons, ScaffoldError, titleFromSlug } from './content-folder.ts';

export interface NewLesson {
  /** Absolute path of the file written. */
  file: string;
  slug: string;
  order: number;
}

/** YAML double-quoted scalar: a title may contain a colon or a quote. */
const yamlString = (text: string): string => JSON.stringify(text);

export function lessonTemplate(title: string, order: number, slug: string): string {
  return `---
title: ${yamlString(title)}
order: ${order}
summary: ${yamlString(`${PLACEHOLDER}: One or two sentences for the home page and search results. Say what the learner gets out of this lesson.`)}
objectives:
  - ${yamlString(`${PLACEHOLDER}: Something the learner can do after the lesson, starting with a verb.`)}
minutes: 10
# draft: true   # uncomment to show the lesson in \`npm run dev\` only, not in the build
---

{/*
  The build and \`npm run check:content\` name each placeholder sentence until it is replaced.
  How to write a lesson: docs/writing-lessons.md. The page title comes from \`title\` above, so
  start with ## headings. Components need no import: Term, Aside, TraceDiagram,
  TraceparentAnatomy, PropagationDiagram, SamplingChart and Exercise.
*/}

## The question this lesson answers

${PLACEHOLDER}: Start from a problem the learner has, and answer the question they will ask next.

<Aside type="tip" title="Mark glossary terms">
Wrap the first important use of a term in \`Term\` with an id from \`glossary.yaml\`, so that
the learner can read its definition in place.
</Aside>

## An example

Every \`ts\` block is type-checked by \`npm run check:snippets\`, so import what you use:

\`\`\`ts title="tracing.ts"
import { trace } from '@opentelemetry/api';

const tracer = trace.getTracer('my-service');

tracer.startActiveSpan('do work', (span) => {
  span.setAttribute('work.items', 3);
  span.end();
});
\`\`\`

## Practice

{/* Add an exercise with: npm run new:exercise -- <exercise-id> --lesson ${slug} */}
`;
}

/** Writes `lessons/NN-<slug>.mdx`; refuses a slug that is taken. */
export function scaffoldLesson(contentDir: string, slugInput: string | undefined, options: { title?: string } = {}): NewLesson {
  const slug = assertSlug(slugInput, 'lesson slug');
  const dir = lessonsDir(contentDir);
  const lessons = listLessons(contentDir);
  const twin = lessons.find((l) => l.slug === slug);
  if (twin) throw new ScaffoldError(`A lesson with the slug "${slug}" already exists: lessons/${twin.file}. Choose another slug.`);

  const title = options.title?.trim() || titleFromSlug(slug);
  if (title.length < 3) throw new ScaffoldError(`The title "${title}" is too short: a lesson title needs at least 3 characters.`);
  const number = Math.max(0, ...lessons.map((l) => l.number)) + 1;
  const order = Math.max(0, ...lessons.map((l) => l.order ?? 0)) + 1;
  const file = path.join(dir, `${String(number).padStart(2, '0')}-${slug}.mdx`);
  // `wx` fails if the file appeared meanwhile: never overwrite an instructor's work.
  fs.writeFileSync(file, lessonTemplate(title, order, slug), { flag: 'wx' });
  return { file, slug, order };
}
