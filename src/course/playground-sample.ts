import fs from 'node:fs';
import path from 'node:path';

/** The file a content folder may provide for the playground's first program. */
export const PLAYGROUND_FILE = 'playground.ts';

/**
 * The program the playground opens with: the course's own `playground.ts` when its content
 * folder has one, else the engine's neutral sample (which names no course).
 */
export function playgroundSample(contentDir: string, fallback: string): string {
  const file = path.join(contentDir, PLAYGROUND_FILE);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : fallback;
}
