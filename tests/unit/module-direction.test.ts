import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/content.ts';

/** Every relative import of every .ts file under `dir`, resolved to a path from the repository root. */
function importsUnder(dir: string): Array<{ file: string; target: string }> {
  const found: Array<{ file: string; target: string }> = [];
  for (const entry of fs.readdirSync(path.join(repoRoot, dir), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.parentPath.includes(`${path.sep}dist`)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:from\s+|import\(\s*|new URL\(\s*)'(\.{1,2}\/[^']+)'/g)) {
      found.push({ file: path.relative(repoRoot, file), target: path.relative(repoRoot, path.resolve(path.dirname(file), match[1]!)) });
    }
  }
  return found;
}

describe('dependencies go one way', () => {
  it('sandboxes/ imports nothing from src/ (the OTLP export aside, until it moves to sandboxes/wire/)', () => {
    const intoSrc = importsUnder('sandboxes').filter(({ target }) => target.startsWith(`src${path.sep}`));
    expect(intoSrc.filter(({ target }) => !target.startsWith(path.join('src', 'trace', 'otlp')))).toEqual([]);
  });

  it('src/ imports no test helper', () => {
    expect(importsUnder('src').filter(({ target }) => target.startsWith(`tests${path.sep}`))).toEqual([]);
  });
});
