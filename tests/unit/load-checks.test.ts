import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { copyFixtureCourse, editFile, fixtureCourse, repoRoot } from '../helpers/content.ts';

/**
 * Loads the checks of each (course folder, exercise id) in one plain Node process, as `grade`
 * and `check:content` do (Vitest resolves `#checks` by itself, so the loader hook would go
 * untested in-process), and returns each list's titles.
 */
function titlesInOneProcess(loads: Array<[string, string]>): string[][] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-checks-'));
  const script = path.join(dir, 'load.mts');
  const src = (file: string) => JSON.stringify(pathToFileURL(path.join(repoRoot, 'src', file)).href);
  fs.writeFileSync(
    script,
    [
      `import { loadExercise } from ${src('exercises/load.ts')};`,
      `import { loadChecks } from ${src('grading/grade.ts')};`,
      'const out = [];',
      `for (const [dir, id] of ${JSON.stringify(loads)}) out.push((await loadChecks(loadExercise(dir, id))).map((c) => c.title));`,
      'console.log(JSON.stringify(out));',
    ].join('\n'),
  );
  return JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8' })) as string[][];
}

describe('loadChecks', () => {
  it('gives each course its own checks when two courses are graded in one process', () => {
    // A second course outside the repository (where package.json "imports" does not reach
    // `#checks`), with the same exercise ids as the fixture course and other checks.
    const other = copyFixtureCourse();
    editFile(path.join(other, 'exercises/hello-span/checks.ts'), (t) => t.replace("check('There is a `say hello` span'", "check('A span says hello'"));

    const [fixture, copied, fixtureAgain] = titlesInOneProcess([
      [fixtureCourse, 'hello-span'],
      [other, 'hello-span'],
      [fixtureCourse, 'hello-span'],
    ]);
    expect(fixture).toContain('There is a `say hello` span');
    expect(fixture).not.toContain('A span says hello');
    expect(copied).toContain('A span says hello');
    expect(copied).not.toContain('There is a `say hello` span');
    // Only the edited title differs, and loading the other course first changes nothing.
    expect(copied!.filter((t) => t !== 'A span says hello')).toEqual(fixture!.filter((t) => t !== 'There is a `say hello` span'));
    expect(fixtureAgain).toEqual(fixture);
  });
});
