import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseContent } from '../../helpers/course-pages.ts';

// What this course's lessons teach with. Rules for any course (removed APIs, bare ratio
// samplers, code that compiles, known false claims) are content invariants that
// `npm run check:content` enforces: src/grading/course-invariants.ts.
const lesson = (file: string) => fs.readFileSync(path.join(courseContent, 'lessons', file), 'utf8');

describe('this course’s content', () => {
  it('teaches the checkout trace as a diagram, with the payment call as the bottleneck', () => {
    const source = lesson('01-traces-and-spans.mdx');
    expect(source).toContain('<TraceDiagram');
    expect(source).toMatch(/name: ['"]Charge payment['"][^}]*mark: ['"]bottleneck['"]/);
    expect(source).not.toMatch(/├──/);
  });

  it('configures the ratio sampler inside a parent-based sampler in the sampling lesson', () => {
    expect(lesson('05-sampling.mdx')).toMatch(/new ParentBasedSampler\(\{\s*root: new TraceIdRatioBasedSampler/);
  });
});
