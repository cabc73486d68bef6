import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtureCourse = path.join(repoRoot, 'tests/fixtures/course');

/** A writable copy of the fixture course, to break in one place per test. */
export function copyFixtureCourse(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'course-'));
  fs.cpSync(fixtureCourse, dir, { recursive: true });
  return dir;
}

export function editFile(file: string, edit: (text: string) => string): void {
  fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')));
}
