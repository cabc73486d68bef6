import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/content.ts';

/** The `tsc -p <config>` projects of `npm run typecheck`. */
function typecheckProjects(): string[] {
  const scripts = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  return [...(scripts.typecheck ?? '').matchAll(/\btsc -p (\S+)/g)].map((m) => m[1]!);
}

/**
 * Exercise files: `check:content` type-checks them as learners see them. Learner submissions
 * of the false-pass suite: that suite type-checks each as the learner file of its exercise.
 */
const checkedByContentCheck = (file: string) => /^((content|tests\/fixtures\/course)\/exercises|tests\/fixtures\/submissions)\//.test(file);

describe('npm run typecheck', () => {
  it('covers every TypeScript file of the repository', () => {
    const projects = typecheckProjects();
    expect(projects.length).toBeGreaterThan(0);
    const tsc = path.join(repoRoot, 'node_modules', '.bin', 'tsc');
    const covered = new Set<string>();
    for (const project of projects) {
      const listed = execFileSync(tsc, ['-p', project, '--listFilesOnly'], { cwd: repoRoot, encoding: 'utf8' });
      for (const file of listed.split('\n')) if (file) covered.add(path.relative(repoRoot, file));
    }
    const tracked = execFileSync('git', ['ls-files', '*.ts', '*.mts', '*.cts', '*.tsx', '*.mjs'], { cwd: repoRoot, encoding: 'utf8' }).split('\n');
    const unchecked = tracked.filter((file) => file && !checkedByContentCheck(file) && !covered.has(file));
    expect(unchecked).toEqual([]);
  });
});
