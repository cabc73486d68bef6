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

/** Appends `text` after a blank line and returns the line number its first line lands on. */
export function appendedLine(file: string, text: string): number {
  const before = fs.readFileSync(file, 'utf8');
  const line = before.split('\n').length + (before.endsWith('\n') ? 1 : 2);
  fs.writeFileSync(file, `${before}${before.endsWith('\n') ? '' : '\n'}\n${text}`);
  return line;
}
