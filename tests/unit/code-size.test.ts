import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript-classic';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/content.ts';

// The engine stays readable: small modules with one job, functions that fit on a screen or two.
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 120;

const engineFiles = execFileSync('git', ['ls-files', 'src', 'sandboxes'], { cwd: repoRoot, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|mts)$/.test(f) && !f.endsWith('.d.ts') && !f.includes('/generated/'));

function longFunctions(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (end - start + 1 > MAX_FUNCTION_LINES) found.push(`${file}:${start + 1}: a function of ${end - start + 1} lines`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('engine code size', () => {
  it(`keeps every file of src/ and sandboxes/ under ${MAX_FILE_LINES} lines and every function under ${MAX_FUNCTION_LINES}`, () => {
    expect(engineFiles.length).toBeGreaterThan(50);
    const problems = engineFiles.flatMap((file) => {
      const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
      const lines = text.split('\n').length;
      return [...(lines > MAX_FILE_LINES ? [`${file}: ${lines} lines`] : []), ...longFunctions(file, text)];
    });
    expect(problems).toEqual([]);
  });
});
