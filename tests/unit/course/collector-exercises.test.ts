import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintCourse, formatProblem } from '../../../src/course/lint.ts';
import { loadExercise } from '../../../src/exercises/load.ts';
import { gradeCollectorConfig } from '../../../src/grading/grade.ts';
import { copyFixtureCourse, editFile, repoRoot } from '../../helpers/content.ts';

const content = path.join(repoRoot, 'content');

describe('collector-config exercises', () => {
  it.each(['two-tier-tail-sampling', 'quiet-health-checks', 'collector-backends'])('%s: the solution passes every check and the starter fails one', async (id) => {
    const exercise = loadExercise(content, id);
    expect(exercise.meta.kind).toBe('collector-config');
    const solution = await gradeCollectorConfig(exercise, exercise.solution);
    expect(solution.results.tests.filter((t) => t.status !== 'pass')).toEqual([]);
    const starter = await gradeCollectorConfig(exercise, exercise.starter);
    expect(starter.results.status).toBe('fail');
  });

  it('reports a YAML syntax error at its line, and checks nothing', async () => {
    const exercise = loadExercise(content, 'collector-backends');
    const graded = await gradeCollectorConfig(exercise, exercise.solution.replace('  otlp:\n', '  otlp: [\n'));
    expect(graded.results.status).toBe('error');
    expect(graded.results.message).toMatch(/^collector\.yaml:\d+:\d+: YAML syntax/);
    expect(graded.problems[0]?.line).toBeGreaterThan(0);
    expect(graded.results.tests.every((t) => t.status === 'error')).toBe(true);
  });

  it('npm run new:exercise --kind collector-config scaffolds one that passes once embedded and its placeholder removed', async () => {
    const dir = copyFixtureCourse();
    const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/new-exercise.ts'), 'keep-errors', '--lesson', 'first-steps', '--kind', 'collector-config', '--objective', '1'], {
      cwd: repoRoot,
      env: { ...process.env, COURSE_CONTENT_DIR: dir, NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'exercises/keep-errors')).sort()).toEqual(['checks.ts', 'exercise.yaml', 'solution.yaml', 'starter.yaml', 'traces.ts']);
    const lesson = path.join(dir, 'lessons', fs.readdirSync(path.join(dir, 'lessons')).find((f) => f.includes('first-steps'))!);
    fs.appendFileSync(lesson, '\n<Exercise id="keep-errors" />\n');
    editFile(path.join(dir, 'exercises/keep-errors/exercise.yaml'), (t) => t.replace(/^# TODO\(author\).*\n#.*\n/m, ''));
    expect(lintCourse(dir).map((p) => formatProblem(p))).toEqual([]);
    const exercise = loadExercise(dir, 'keep-errors');
    expect((await gradeCollectorConfig(exercise, exercise.solution)).results.status).toBe('pass');
    expect((await gradeCollectorConfig(exercise, exercise.starter)).results.status).toBe('fail');
  });

  it('refuses an unknown kind, naming the known ones', () => {
    const dir = copyFixtureCourse();
    const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/new-exercise.ts'), 'x-y', '--lesson', 'first-steps', '--kind', 'trace'], {
      cwd: repoRoot,
      env: { ...process.env, COURSE_CONTENT_DIR: dir, NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Kinds: program, collector-config');
  });
});

describe('the traces the tail-sampling exercises grade with', () => {
  // Pinned: a change to the shared generator or to the traffic helper would change the traces,
  // and with them what every learner's configuration keeps.
  it.each([
    ['quiet-health-checks', '1abe22c8ff0401e64e1086bf838b73fa8a839658ca74ab6154153f384779170f'],
    ['two-tier-tail-sampling', '5f326f16795a4d61b74a26df13623c0bc36e24f530081500e1b6ac87759f3abb'],
  ])('%s: the same traces on every build', async (id, sha256) => {
    const { traces } = (await import(path.join(content, 'exercises', id, 'traces.ts'))) as { traces: unknown };
    expect(createHash('sha256').update(JSON.stringify(traces)).digest('hex')).toBe(sha256);
  });
});
