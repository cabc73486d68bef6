import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { formatProblem, lintCourse } from '../../src/course/lint.ts';
import { checkContent } from '../../src/grading/check-content.ts';
import { buildNodeHarness } from '../../src/runtime/node-harness-bundle.ts';
import { buildCourse } from '../helpers/build.ts';
import { exerciseScaffolds } from '../../scripts/scaffold/exercise-kinds.ts';
import { askObjectives } from '../../scripts/scaffold/objective-choice.ts';
import { copyFixtureCourse, editFile, repoRoot } from '../helpers/content.ts';

/** Runs a scaffolding command as `npm run new:*` does, against a content folder. */
function scaffold(script: 'new-lesson' | 'new-exercise', args: string[], contentDir: string) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', `${script}.ts`), ...args], {
    cwd: repoRoot,
    env: { ...process.env, COURSE_CONTENT_DIR: contentDir, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under a folder with its text, to prove a refused command changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files[path.relative(dir, file)] = fs.readFileSync(file, 'utf8');
    }
  }
  return files;
}

const frontmatter = (file: string): Record<string, unknown> =>
  parseYaml(/^---\n([\s\S]*?)\n---/.exec(fs.readFileSync(file, 'utf8'))![1]!) as Record<string, unknown>;

describe('npm run new:lesson and new:exercise', () => {
  it('scaffold a lesson and an exercise that pass check:content and build once their placeholders are replaced, in COURSE_CONTENT_DIR', async () => {
    const dir = copyFixtureCourse();
    const repoContent = snapshot(path.join(repoRoot, 'content'));

    const lesson = scaffold('new-lesson', ['queues', '--title', 'Queues: context across a broker'], dir);
    expect(lesson.stderr).toBe('');
    expect(lesson.status).toBe(0);
    expect(lesson.stdout).toContain('04-queues.mdx');
    const lessonFile = path.join(dir, 'lessons/04-queues.mdx');
    expect(frontmatter(lessonFile)).toMatchObject({ title: 'Queues: context across a broker', order: 4 });

    const exercise = scaffold('new-exercise', ['trace-the-queue', '--lesson', 'queues'], dir);
    expect(exercise.stderr).toBe('');
    expect(exercise.status).toBe(0);
    expect(exercise.stdout).toContain('<Exercise id="trace-the-queue" />');
    expect(fs.readdirSync(path.join(dir, 'exercises/trace-the-queue')).sort()).toEqual(['checks.ts', 'exercise.yaml', 'scenario.ts', 'solution.ts', 'starter.ts', 'tracing.ts']);
    expect(fs.readFileSync(path.join(dir, 'exercises/trace-the-queue/checks.ts'), 'utf8')).toContain("from '#checks'");

    // The instructor embeds it, as the command says. The scaffold's placeholder sentences are
    // named, with file and line, until they are replaced.
    fs.appendFileSync(lessonFile, '\n<Exercise id="trace-the-queue" />\n');
    const exerciseYaml = path.join(dir, 'exercises/trace-the-queue/exercise.yaml');
    // The lesson's only objective, a placeholder too, is the one the exercise practises.
    expect(lintCourse(dir).map((p) => `${formatProblem(p)}`)).toEqual([
      expect.stringMatching(/^lessons\/04-queues\.mdx:4: placeholder from the scaffold: replace the text marked TODO\(author\) \("One or two sentences/),
      expect.stringMatching(/^lessons\/04-queues\.mdx:6: placeholder from the scaffold/),
      expect.stringMatching(/^lessons\/04-queues\.mdx:\d+: placeholder from the scaffold: .*\("Start from a problem/),
      expect.stringMatching(/^exercises\/trace-the-queue\/exercise\.yaml:2: placeholder from the scaffold/),
      expect.stringMatching(/^exercises\/trace-the-queue\/exercise\.yaml:7: placeholder from the scaffold: .*\("Something the learner can do/),
    ]);
    // Rewording the objective in the lesson alone breaks the exercise's reference, loudly.
    editFile(lessonFile, (t) => t.replaceAll('TODO(author): ', ''));
    expect(lintCourse(dir).map((p) => `${formatProblem(p)}`)).toContainEqual(
      expect.stringMatching(/^exercises\/trace-the-queue\/exercise\.yaml:7: objectives\[0\]: .* is not an objective of lessons\/04-queues\.mdx; the nearest is objective 1, "Something the learner can do/),
    );
    editFile(exerciseYaml, (t) => t.replace(/^# TODO\(author\).*\n#.*\n/m, '').replaceAll('TODO(author): ', ''));
    expect(lintCourse(dir)).toEqual([]);
    await buildNodeHarness();
    const report = await checkContent(dir, ['node']);
    expect(report.problems).toEqual([]);
    expect(report.objectives).toContainEqual({ lesson: 'queues', objective: 'Something the learner can do after the lesson, starting with a verb.', exercises: ['trace-the-queue'] });
    const graded = report.graded.find((g) => g.id === 'trace-the-queue');
    expect(graded).toMatchObject({ runtime: 'node', solution: 'pass' });
    expect(graded!.starterFailed).toBeGreaterThanOrEqual(1);

    // And the site builds.
    const build = buildCourse(dir);
    expect(build.status, build.output).toBe(0);
    const page = fs.readFileSync(path.join(build.outDir, 'lessons/queues/index.html'), 'utf8');
    expect(page).toContain('Queues: context across a broker');
    expect(fs.existsSync(path.join(build.outDir, 'exercises/trace-the-queue/index.html'))).toBe(true);

    expect(snapshot(path.join(repoRoot, 'content'))).toEqual(repoContent);
  }, 300_000); // check:content and a full build, one after the other

  it('scaffolds a trace-reading exercise whose solution passes and whose empty starter fails', async () => {
    const dir = copyFixtureCourse();
    const made = scaffold('new-exercise', ['read-the-order', '--lesson', 'passing-context', '--kind', 'trace-reading'], dir);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const folder = path.join(dir, 'exercises/read-the-order');
    expect(fs.readdirSync(folder).sort()).toEqual(['checks.ts', 'exercise.yaml', 'solution.yaml', 'starter.yaml', 'trace.ts']);
    editFile(path.join(dir, 'lessons/03-passing-context.mdx'), (t) => `${t}\n<Exercise id="read-the-order" />\n`);
    editFile(path.join(folder, 'exercise.yaml'), (t) => t.replace(/^# TODO\(author\).*\n#.*\n/m, ''));
    await buildNodeHarness();
    const report = await checkContent(dir, ['node']);
    expect(report.problems).toEqual([]);
    const graded = report.graded.find((g) => g.id === 'read-the-order');
    expect(graded).toMatchObject({ runtime: 'node', solution: 'pass', starterFailed: 3 });
  }, 300_000);

  it('numbers a lesson after the last file and orders it after the last order', () => {
    const dir = copyFixtureCourse();
    const second = fs.readFileSync(path.join(dir, 'lessons/02-second-steps.mdx'), 'utf8');
    fs.writeFileSync(path.join(dir, 'lessons/07-later.mdx'), second.replace('order: 2', 'order: 12').replace('title: Second steps', 'title: Later'));
    const { status, stdout } = scaffold('new-lesson', ['even-later'], dir);
    expect(status).toBe(0);
    expect(stdout).toContain('order 13');
    expect(frontmatter(path.join(dir, 'lessons/08-even-later.mdx'))).toMatchObject({ title: 'Even later', order: 13 });
  });

  it('refuses a bad slug, a taken slug and a missing slug, and writes nothing', () => {
    const dir = copyFixtureCourse();
    const before = snapshot(dir);
    const bad = scaffold('new-lesson', ['Context_Propagation'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Bad lesson slug "Context_Propagation": use lowercase letters, digits and single hyphens');
    expect(bad.stderr).toContain('Usage: npm run new:lesson -- <slug>');

    const taken = scaffold('new-lesson', ['second-steps', '--title', 'Again'], dir);
    expect(taken.status).toBe(2);
    expect(taken.stderr).toContain('A lesson with the slug "second-steps" already exists: lessons/02-second-steps.mdx');

    const missing = scaffold('new-lesson', [], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Missing the lesson slug.');
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses an unknown lesson, a taken exercise id and a missing --lesson, and writes nothing', () => {
    const dir = copyFixtureCourse();
    const before = snapshot(dir);
    const unknown = scaffold('new-exercise', ['queue-spans', '--lesson', 'third-steps'], dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(`No lesson with the slug "third-steps" in ${path.join(dir, 'lessons')}. Lessons: first-steps, second-steps, passing-context.`);

    const taken = scaffold('new-exercise', ['hello-span', '--lesson', 'first-steps'], dir);
    expect(taken.status).toBe(2);
    expect(taken.stderr).toContain('exercises/hello-span/ already exists');

    const noLesson = scaffold('new-exercise', ['queue-spans'], dir);
    expect(noLesson.status).toBe(2);
    expect(noLesson.stderr).toContain('Missing --lesson <lesson-slug>');

    const badId = scaffold('new-exercise', ['queue spans', '--lesson', 'first-steps'], dir);
    expect(badId.status).toBe(2);
    expect(badId.stderr).toContain('Bad exercise id "queue spans"');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('npm run new:exercise and the objectives an exercise practises', () => {
  const wrap = 'Wrap a piece of work in a span with an attribute.';
  const tree = 'Trace a request as one tree of nested spans.';
  const objectivesOf = (dir: string, id: string): unknown => (parseYaml(fs.readFileSync(path.join(dir, 'exercises', id, 'exercise.yaml'), 'utf8')) as { objectives?: unknown }).objectives;

  it.each(Object.keys(exerciseScaffolds))('scaffolds a %s exercise that names the objectives given by number or text, and lints clean once embedded', (kind) => {
    const dir = copyFixtureCourse();
    const result = scaffold('new-exercise', ['practise-it', '--lesson', 'first-steps', '--kind', kind, '--objective', '2', '--objective', `  ${wrap}`], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(objectivesOf(dir, 'practise-it')).toEqual([tree, wrap]);
    fs.appendFileSync(path.join(dir, 'lessons/01-first-steps.mdx'), '\n<Exercise id="practise-it" />\n');
    editFile(path.join(dir, 'exercises/practise-it/exercise.yaml'), (t) => t.replace(/^# TODO\(author\).*\n#.*\n/m, ''));
    expect(lintCourse(dir).map((p) => formatProblem(p))).toEqual([]);
  });

  it('writes no objectives for a lesson without any, and refuses --objective there', () => {
    const dir = copyFixtureCourse();
    expect(scaffold('new-exercise', ['later-work', '--lesson', 'second-steps'], dir).status).toBe(0);
    expect(objectivesOf(dir, 'later-work')).toBeUndefined();
    const refused = scaffold('new-exercise', ['more-work', '--lesson', 'second-steps', '--objective', '1'], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--objective: lessons/02-second-steps.mdx has no objectives.');
  });

  it('without a terminal, refuses to guess among several objectives, an unknown one and a number out of range, and writes nothing', () => {
    const dir = copyFixtureCourse();
    const before = snapshot(dir);
    const unnamed = scaffold('new-exercise', ['practise-it', '--lesson', 'first-steps'], dir);
    expect(unnamed.status).toBe(2);
    expect(unnamed.stderr).toContain(`lessons/01-first-steps.mdx has 2 objectives: name the one(s) this exercise practises with --objective <number or text> (repeat it for more):\n  1. ${wrap}\n  2. ${tree}`);

    const reworded = scaffold('new-exercise', ['practise-it', '--lesson', 'first-steps', '--objective', 'Trace a request as a tree of spans'], dir);
    expect(reworded.status).toBe(2);
    expect(reworded.stderr).toContain(`--objective "Trace a request as a tree of spans" is not an objective of lessons/01-first-steps.mdx; the nearest is 2. "${tree}"`);

    const outOfRange = scaffold('new-exercise', ['practise-it', '--lesson', 'first-steps', '--objective', '3'], dir);
    expect(outOfRange.status).toBe(2);
    expect(outOfRange.stderr).toContain('--objective 3: lessons/01-first-steps.mdx has 2 objective(s)');
    expect(snapshot(dir)).toEqual(before);
  });

  it('in a terminal, asks for the objectives by number until the answer names valid ones', async () => {
    const answers = ['', '7', '2, 1'];
    const questions: string[] = [];
    const chosen = await askObjectives([wrap, tree], 'lessons/01-first-steps.mdx', async (question) => {
      questions.push(question);
      return answers.shift()!;
    });
    expect(chosen).toEqual([tree, wrap]);
    expect(questions).toHaveLength(3);
    expect(questions[0]).toBe(`Which objectives of lessons/01-first-steps.mdx does the exercise practise?\n  1. ${wrap}\n  2. ${tree}\nNumbers, separated by commas: `);
    expect(questions[2]).toBe(`Answer with numbers from 1 to 2.\n${questions[0]}`);
  });
});
