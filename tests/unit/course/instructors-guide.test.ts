import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../../helpers/content.ts';

// This course's guide for instructors (content/README.md); a fork may rewrite it.
it('links the grading workflow template from the instructors’ guide', () => {
  expect(fs.readFileSync(path.join(repoRoot, 'content/README.md'), 'utf8')).toContain('(../docs/grading-workflow.yml)');
  expect(fs.existsSync(path.join(repoRoot, 'docs/grading-workflow.yml'))).toBe(true);
});
