import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { playgroundSample } from '../../src/course/playground-sample.ts';
import { copyFixtureCourse, repoRoot } from '../helpers/content.ts';

describe('playgroundSample', () => {
  it("uses the content folder's playground.ts, else the engine's sample", () => {
    const dir = copyFixtureCourse();
    fs.rmSync(path.join(dir, 'playground.ts'), { force: true });
    expect(playgroundSample(dir, 'engine sample')).toBe('engine sample');
    fs.writeFileSync(path.join(dir, 'playground.ts'), 'export async function main() {}\n');
    expect(playgroundSample(dir, 'engine sample')).toBe('export async function main() {}\n');
  });

  it("keeps the engine's own sample free of any course's content", () => {
    const engine = fs.readFileSync(path.join(repoRoot, 'src/course/samples/playground-default.ts'), 'utf8');
    expect(engine).not.toMatch(/checkout|lesson/i);
  });
});
