import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExercise } from '../../src/exercises/load.ts';
import { gradeExercise } from '../../src/grading/grade.ts';
import { plainNodeProblem } from '../../src/grading/plain-node.ts';
import { firstDifference, sameSpanKinds, traceShape } from '../../src/grading/trace-shape.ts';
import { NodeRuntime } from '../../src/runtime/node-runtime.ts';
import { repoRoot } from '../helpers/content.ts';
import { TraceBuilder } from '../helpers/span-builder.ts';

function checkout(childParented: boolean) {
  const t = new TraceBuilder();
  const root = t.span('POST /checkout', { kind: 'SERVER', attributes: { 'order.id': 'ord_1' } });
  t.span('charge payment', childParented ? { parent: root, status: 'ERROR' } : { status: 'ERROR' });
  return t.spans;
}

describe('trace shapes', () => {
  it('are equal for the same trace with other ids and times', () => {
    expect(firstDifference(traceShape(checkout(true)), traceShape(checkout(true)), { a: 'a', b: 'b' })).toBeUndefined();
  });

  it('name the first span that differs, with its path, kind, status and attributes', () => {
    const difference = firstDifference(traceShape(checkout(false)), traceShape(checkout(true)), { a: 'plain Node', b: 'the sandbox' });
    expect(difference).toBe('span `POST /checkout > charge payment` (INTERNAL, status ERROR) appears never in plain Node and once in the sandbox');
    expect(sameSpanKinds(traceShape(checkout(false)), traceShape(checkout(true)))).toBe(false);
  });
});

describe('a reference solution run as a plain Node program', () => {
  const exercise = loadExercise(path.join(repoRoot, 'tests/fixtures/course'), 'hello-span');
  const runtime = new NodeRuntime();

  it('gives the trace the sandbox gives', async () => {
    const { run } = await gradeExercise(exercise, exercise.solution, runtime);
    expect(run.spans.map((s) => s.name)).toEqual(['say hello']);
    expect(await plainNodeProblem(exercise, run.spans)).toBeUndefined();
  });

  it('is reported, with the exercise and the first difference, when the sandbox saw another trace', async () => {
    const { run } = await gradeExercise(exercise, exercise.solution, runtime);
    const problem = await plainNodeProblem(exercise, run.spans.map((s) => ({ ...s, attributes: {} })));
    expect(problem).toMatch(/^exercises\/hello-span\/solution\.ts, run as a plain Node program, gives another trace than the sandbox: span `say hello` \(INTERNAL, status UNSET\) appears never in plain Node and once in the sandbox\.$/);
  });
});
