import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExercise } from '../../src/exercises/load.ts';
import { gradeExercise } from '../../src/grading/grade.ts';
import { NodeRuntime } from '../../src/runtime/node-runtime.ts';
import { fixtureCourse, repoRoot } from '../helpers/content.ts';

// The fixture course's checkout exercise: five steps, each noting `shop.operation` on the active span.
const exercise = loadExercise(fixtureCourse, 'checkout');
const submission = (name: string) => fs.readFileSync(path.join(repoRoot, 'tests/fixtures/tamper', `${name}.ts`), 'utf8');
const runtime = new NodeRuntime();

// Checks never run in the sandbox: each of these submissions tries to pass checks it should fail.
describe('a submission cannot cheat the checks of "Trace the checkout"', () => {
  it('by creating the expected spans without doing the work inside them', async () => {
    const { results } = await gradeExercise(exercise, submission('fake-spans'), runtime);
    expect(results.status).toBe('fail');
    const active = results.tests.find((t) => t.name === 'Each span is active while its step runs')!;
    expect(active).toMatchObject({ status: 'fail', message: expect.stringContaining('shop.operation') });
  });

  it('by printing forged span frames', async () => {
    const { results, run } = await gradeExercise(exercise, submission('forged-frames'), runtime);
    expect(run.spans).toEqual([]);
    // The frame written to stdout is rejected; the one logged is just a console line.
    expect(run.rejectedFrames).toBe(1);
    expect(run.console.some((l) => l.text.includes('otel-course 1'))).toBe(true);
    expect(results.status).toBe('fail');
    expect(results.tests.every((t) => t.status === 'fail')).toBe(true);
  });

  it('by patching the clock to make parallel steps look sequential', async () => {
    const { results, run } = await gradeExercise(exercise, submission('patched-clock'), runtime);
    expect(run.errors[0]?.message).toMatch(/read.only|Cannot assign/);
    expect(results.status).toBe('fail');
  });

  it('by replacing the exporter with its own', async () => {
    const { results, run } = await gradeExercise(exercise, submission('own-provider'), runtime);
    expect(run.spans.map((s) => s.name)).toEqual(['POST /checkout']);
    expect(results.status).toBe('fail');
    expect(results.tests.filter((t) => t.status === 'pass').map((t) => t.name)).not.toContain('Each step is a span inside `POST /checkout`');
  });

  it('while the reference solution passes', async () => {
    expect((await gradeExercise(exercise, exercise.solution, runtime)).results.status).toBe('pass');
  });
});
