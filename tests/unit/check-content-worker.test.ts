import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/grading/check-content.ts';
import { copyFixtureCourse, editFile } from '../helpers/content.ts';

describe('check:content (the in-browser Worker)', () => {
  it('grades every exercise in the Worker on a page bundled for the course, and names a solution that fails there', async () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, 'exercises/hello-span/solution.ts'), (t) => t.replace("'Ada'", "'Grace'"));
    const report = await checkContent(dir, ['worker']);
    expect(report.graded).toEqual([
      { id: 'checkout', runtime: 'worker', solution: 'pass', starterFailed: 6 },
      { id: 'hello-span', runtime: 'worker', solution: 'fail', starterFailed: 2 },
      { id: 'read-checkout', runtime: 'worker', solution: 'pass', starterFailed: 3 },
    ]);
    expect(report.problems).toEqual([expect.stringMatching(/^exercises\/hello-span\/solution\.ts does not pass in worker: It names who is greeted: .*greeting\.name/)]);
    // No host Node without the node runtime; the page is bundled, not the whole site.
    expect(Object.keys(report.parts).sort()).toEqual(['Worker', 'grading page', 'text checks', 'types']);
  }, 180_000);

  it('reports a learner file that does not compile as the page would, at its line', async () => {
    const dir = copyFixtureCourse();
    editFile(path.join(dir, 'exercises/hello-span/solution.ts'), (t) => `${t}\nconst broken = ;\n`);
    const { problems } = await checkContent(dir, ['worker']);
    const line = fs.readFileSync(path.join(dir, 'exercises/hello-span/solution.ts'), 'utf8').split('\n').indexOf('const broken = ;') + 1;
    expect(problems).toContainEqual(
      expect.stringMatching(new RegExp(`^exercises/hello-span/solution\\.ts does not pass in worker: Your code did not compile.*hello\\.ts, line ${line}, column 16: Expression expected`, 's')),
    );
  }, 180_000);
});
