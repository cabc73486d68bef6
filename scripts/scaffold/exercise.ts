/**
 * `npm run new:exercise`: an exercise folder that passes `check:content` as generated: a
 * scenario that drives the learner's file, a starter that runs but fails a check, a solution
 * that passes every check, and checks written with the check library.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PLACEHOLDER } from '../../src/course/placeholders.ts';
import { exerciseKinds, type ExerciseKind } from '../../src/course/schemas.ts';
import { collectorExerciseFiles } from './collector-exercise.ts';
import { traceReadingExerciseFiles } from './trace-reading-exercise.ts';
import { assertSlug, listLessons, ScaffoldError, titleFromSlug } from './content-folder.ts';

export interface NewExercise {
  /** Absolute path of the folder written. */
  dir: string;
  id: string;
  /** The lesson file the exercise belongs to, e.g. `lessons/08-queues.mdx`. */
  lessonFile: string;
  files: string[];
}

const yamlString = (text: string): string => JSON.stringify(text);

/** The learner's file name in the editor, which the scenario imports. */
const LEARNER_FILE = 'orders.ts';

function exerciseYaml(title: string, lesson: string): string {
  return `# Fields: content/exercises/README.md. Check it with: npm run check:content
# ${PLACEHOLDER}: a worked example (an order handler) that passes every check as generated. Make the
# title, prompt, hints and code your lesson's, then delete these two lines.
title: ${yamlString(title)}
lesson: ${lesson}
prompt: |
  \`handleOrder\` in \`${LEARNER_FILE}\` does its work without a trace. Wrap it in a span named
  \`handle order\` with the attribute \`order.id\` set to the order's id, and end the span even
  when the work fails. Then press Run.
file: ${LEARNER_FILE}
scenario: scenario.ts
readonly: [tracing.ts]
hints:
  - >-
    \`tracer.startActiveSpan('handle order', async (span) => { ... })\` starts a span and makes it
    active for everything awaited inside the callback.
  - >-
    Set the attribute with \`span.setAttribute('order.id', id)\`, and call \`span.end()\` in a
    \`finally\` block so that the span ends on every path.
`;
}

function tracing(): string {
  return `// The program's tracing set-up, which the scenario imports first. The sandbox registers nothing
// itself: a tracer provider (the sandbox adds its processor to it, to show the spans) and a
// context manager, so that the active span survives \`await\`.
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';

trace.setGlobalTracerProvider(new TracerProvider());
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
`;
}

function scenario(): string {
  return `// What the sandbox runs: it calls the learner's code the way a real caller would.
import './tracing.js';
import { handleOrder } from './${LEARNER_FILE.replace(/\.ts$/, '.js')}';

export async function main(): Promise<void> {
  const result = await handleOrder('ord_1042');
  console.log(\`order \${result.id} handled in \${result.steps} steps\`);
}
`;
}

function starter(id: string): string {
  return `import { trace } from '@opentelemetry/api';

const tracer = trace.getTracer('${id}');

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function handleOrder(id: string): Promise<{ id: string; steps: number }> {
  // TODO: wrap the work in a span named \`handle order\` (see the exercise).
  await wait(5);
  return { id, steps: 1 };
}

// Used once you add the span.
void tracer;
`;
}

function solution(id: string): string {
  return `import { trace } from '@opentelemetry/api';

const tracer = trace.getTracer('${id}');

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function handleOrder(id: string): Promise<{ id: string; steps: number }> {
  return tracer.startActiveSpan('handle order', async (span) => {
    try {
      span.setAttribute('order.id', id);
      await wait(5);
      return { id, steps: 1 };
    } finally {
      span.end();
    }
  });
}
`;
}

function checks(): string {
  return `// The check library and its messages: src/checks/README.md.
import { check, defineChecks } from '#checks';

export default defineChecks([
  check('There is one \`handle order\` span, at the root', ({ span }) => {
    span('handle order').isRoot();
  }),
  check('It records the order id as \`order.id\`', ({ span }) => {
    span('handle order').hasAttribute('order.id', 'ord_1042');
  }),
  check('Every span is ended', ({ allSpansEnded }) => {
    allSpansEnded();
  }),
  check('The order is still handled', ({ output }) => {
    output.contains('order ord_1042 handled');
  }),
]);
`;
}

export function scaffoldExercise(contentDir: string, idInput: string | undefined, options: { lesson?: string; title?: string; kind?: string }): NewExercise {
  const id = assertSlug(idInput, 'exercise id');
  const lessonSlug = assertSlug(options.lesson, 'lesson slug');
  const lessons = listLessons(contentDir);
  const lesson = lessons.find((l) => l.slug === lessonSlug);
  if (!lesson) {
    const known = lessons.map((l) => l.slug).join(', ') || 'none';
    throw new ScaffoldError(`No lesson with the slug "${lessonSlug}" in ${path.join(contentDir, 'lessons')}. Lessons: ${known}.`);
  }
  const dir = path.join(contentDir, 'exercises', id);
  if (fs.existsSync(dir)) throw new ScaffoldError(`exercises/${id}/ already exists. Choose another id, or edit that folder.`);
  const title = options.title?.trim() || titleFromSlug(id);
  if (title.length < 3) throw new ScaffoldError(`The title "${title}" is too short: an exercise title needs at least 3 characters.`);

  const kind = options.kind ?? 'program';
  if (!(exerciseKinds as readonly string[]).includes(kind)) throw new ScaffoldError(`No exercise kind "${kind}". Kinds: ${exerciseKinds.join(', ')}.`);
  const special: Partial<Record<ExerciseKind, () => Record<string, string>>> = {
    'collector-config': () => collectorExerciseFiles(title, lessonSlug),
    'trace-reading': () => traceReadingExerciseFiles(title, lessonSlug),
  };
  const files: Record<string, string> = special[kind as ExerciseKind]?.() ?? {
    'exercise.yaml': exerciseYaml(title, lessonSlug),
    'tracing.ts': tracing(),
    'scenario.ts': scenario(),
    'starter.ts': starter(id),
    'solution.ts': solution(id),
    'checks.ts': checks(),
  };
  fs.mkdirSync(path.join(contentDir, 'exercises'), { recursive: true });
  // Without `recursive`, mkdir fails if the folder appeared meanwhile: nothing is overwritten.
  fs.mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text, { flag: 'wx' });
  return { dir, id, lessonFile: `lessons/${lesson.file}`, files: Object.keys(files) };
}
