import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseGradeArgs } from '../../scripts/grade.ts';
import { repoRoot } from '../helpers/content.ts';

/** The GitHub Actions template instructors copy must stay in step with the grade command it calls. */
describe('the grading workflow template', () => {
  const file = path.join(repoRoot, 'docs/grading-workflow.yml');
  const workflow = parse(fs.readFileSync(file, 'utf8')) as {
    jobs: Record<string, { steps?: { name?: string; run?: string; shell?: string }[]; strategy?: { matrix?: { exercise?: string } } }>;
  };

  it('grades each exercise folder with arguments npm run grade accepts, failing the job with grade’s exit status', () => {
    const step = workflow.jobs.grade!.steps!.find((s) => s.name === 'Grade')!;
    expect(step.shell).toBe('bash');
    const command = step.run!.replaceAll('${{ matrix.exercise }}', 'checkout-trace');
    const [grade, pipe] = command.split(' | ');
    expect(pipe).toMatch(/^tee /);
    const match = /^npm run --silent grade -- (.*)$/.exec(grade!.trim());
    expect(match, grade).not.toBeNull();
    const args = match![1]!.match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, ''));
    expect(parseGradeArgs(args, ['checkout-trace'])).toEqual({
      id: 'checkout-trace',
      file: '../submissions/checkout-trace',
      json: false,
      results: '../results/checkout-trace.json',
      junit: '../results/checkout-trace.junit.xml',
    });
  });
});
