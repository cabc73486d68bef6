import { z } from 'astro/zod';

/** Lesson and exercise slugs appear in URLs and in `<Exercise id>`: keep them plain. */
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens (e.g. "custom-spans")');

// Every schema is strict: a misspelt optional key (`darft: true`) must fail, not be ignored.

/** Frontmatter of `content/lessons/NN-slug.mdx`. */
export const lessonSchema = z.strictObject({
  title: z.string().min(3),
  /** Position in the course; lessons are listed and linked in this order. */
  order: z.number().int().positive(),
  /** One or two sentences for the home page and search results. */
  summary: z.string().min(20),
  /**
   * What the learner can do after the lesson, each starting with a verb. Every objective is
   * practised by at least one exercise of the lesson, which names it in its own `objectives`;
   * a lesson without exercises (a reference page) has none.
   */
  objectives: z.array(z.string().min(3)).min(1).optional(),
  /** Estimated minutes to read and do the exercises. */
  minutes: z.number().int().positive().optional(),
  /** Drafts build in `astro dev` only. */
  draft: z.boolean().default(false),
});
export type LessonFrontmatter = z.infer<typeof lessonSchema>;

const tsFile = z.string().regex(/^[\w.-]+\.ts$/, 'a file name in the exercise folder, ending in .ts (e.g. "shop.ts")');

/**
 * What the learner hands in: a `program` is TypeScript that the sandbox runs (the button says
 * Run); a `collector-config` is an OpenTelemetry Collector YAML file that is read and checked,
 * nothing runs (the button says Check); a `trace-reading` is answers to questions about a trace
 * shown in the span viewer (spans selected in it, numbers), checked like a configuration.
 */
export const exerciseKinds = ['program', 'collector-config', 'trace-reading'] as const;
export type ExerciseKind = (typeof exerciseKinds)[number];

/**
 * `content/exercises/<id>/exercise.yaml`; the folder also holds starter.ts, solution.ts and
 * checks.ts, and optionally a scenario and read-only helper files.
 */
export const exerciseSchema = z.strictObject({
  /** `program` (the default), `collector-config` or `trace-reading`. */
  kind: z.enum(exerciseKinds).default('program'),
  title: z.string().min(3),
  /** Slug of the lesson the exercise belongs to. */
  lesson: slug,
  /**
   * The objective(s) of its lesson this exercise practises, each copied word for word from the
   * lesson's `objectives`, so that a reader of this file sees which, and a reworded objective
   * is caught. Required when the lesson has objectives.
   */
  objectives: z.array(z.string().min(3)).min(1).optional(),
  /** What the learner is asked to do, in Markdown. */
  prompt: z.string().min(10),
  /** The name the learner's file has in the editor; starter.ts and solution.ts fill it. */
  file: z
    .string()
    .regex(/^[\w.-]+\.(ts|ya?ml)$/, 'a file name ending in .ts (a program) or .yaml (a Collector configuration, the answers of a trace-reading exercise)')
    .default('main.ts'),
  /**
   * A file of the exercise folder that drives the learner's code: it imports the learner's file,
   * and its exported `main` is what the sandbox runs (e.g. it places three orders, one of which
   * fails). Without it, the learner's file is run and its own `main` awaited.
   */
  scenario: tsFile.optional(),
  /** A trace-reading exercise: the file of the folder that builds its trace (checks.ts imports it). */
  trace: tsFile.optional(),
  /** Files of the exercise folder the learner may read (shown as read-only tabs) and import. */
  readonly: z.array(tsFile).default([]),
  /** Hard limit for one run; a runaway program is stopped after it. */
  timeLimitMs: z.number().int().min(100).max(60_000).default(5_000),
  /** A run that ends more spans than this is stopped as a span flood. */
  spanLimit: z.number().int().min(1).max(100_000).default(10_000),
  /** Shown one at a time, from a nudge to nearly the answer. */
  hints: z.array(z.string().min(3)).min(1),
}).superRefine((meta, ctx) => {
  const yamlFile = meta.kind !== 'program';
  const reading = meta.kind === 'trace-reading';
  if (yamlFile !== /\.ya?ml$/.test(meta.file)) {
    const message = reading ? 'a trace-reading exercise hands in its answers as YAML: set `file: answers.yaml`' : yamlFile ? 'a Collector configuration exercise edits a .yaml file: set `file: collector.yaml`' : 'a program exercise edits a .ts file (e.g. "main.ts")';
    ctx.addIssue({ code: 'custom', path: ['file'], message });
  }
  if (yamlFile && meta.scenario !== undefined) ctx.addIssue({ code: 'custom', path: ['scenario'], message: `a ${reading ? 'trace-reading' : 'Collector configuration'} exercise runs no program, so it has no scenario` });
  if (reading !== (meta.trace !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['trace'], message: reading ? 'a trace-reading exercise names the file that builds its trace: `trace: trace.ts`' : 'only a trace-reading exercise has a `trace` file' });
  }
});
export type ExerciseMeta = z.infer<typeof exerciseSchema>;

/** One entry of `content/glossary.yaml`, keyed by the id lessons use in `<Term id="...">`. */
export const glossaryTermSchema = z.strictObject({
  term: z.string().min(1),
  definition: z.string().min(10),
});
export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;

/**
 * How the course uses WebContainers. `boot`: `on-first-run` (default) boots on the first Run
 * made with Node.js chosen, so a visitor who never runs code never contacts StackBlitz;
 * `background` boots as an exercise page loads. `apiKey`: a WebContainer API key from StackBlitz
 * (public: it ends up in the page; StackBlitz binds it to the site's domains).
 */
export const webcontainerSettingsSchema = z.strictObject({
  boot: z.enum(['background', 'on-first-run']).default('on-first-run'),
  apiKey: z.string().min(1).optional(),
});
export type WebContainerSettings = z.infer<typeof webcontainerSettingsSchema>;

/** `content/course.yaml`: what the home page and the header say, and how code runs. */
export const courseSchema = z.strictObject({
  title: z.string().min(3),
  tagline: z.string().min(10),
  /** What the learner will be able to do after the course, for the home page. */
  outcomes: z.array(z.string()).min(1),
  webcontainer: webcontainerSettingsSchema.default({ boot: 'on-first-run' }),
});
export type CourseMeta = z.infer<typeof courseSchema>;

/** Files every exercise folder must contain beside `exercise.yaml`. */
export const exerciseFiles = ['starter.ts', 'solution.ts', 'checks.ts'] as const;

/** The files of an exercise of a kind: a Collector or trace-reading exercise's starter and solution are YAML. */
export function exerciseFilesOf(kind: ExerciseKind): { starter: string; solution: string; checks: string } {
  return kind !== 'program'
    ? { starter: 'starter.yaml', solution: 'solution.yaml', checks: 'checks.ts' }
    : { starter: 'starter.ts', solution: 'solution.ts', checks: 'checks.ts' };
}

