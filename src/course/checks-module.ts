import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

export const CHECKS_MODULE = 'virtual:course/checks';

/**
 * `virtual:course/checks`: a lazy loader per exercise for its checks.ts, so an exercise page
 * loads its own checks (and the check library) only when the learner runs the code. The content
 * folder is chosen at build time, which a static `import.meta.glob` pattern cannot follow.
 */
function checksModule(contentDir: string): string {
  const dir = path.join(contentDir, 'exercises');
  const ids = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((id) => fs.existsSync(path.join(dir, id, 'checks.ts'))).sort()
    : [];
  const entries = ids.map((id) => `  ${JSON.stringify(id)}: () => import(${JSON.stringify(path.join(dir, id, 'checks.ts'))}),`);
  return `export const checkLoaders = {\n${entries.join('\n')}\n};\n`;
}

/** The Vite plugin that serves `virtual:course/checks` for the course in `contentDir`. */
export function courseChecks(contentDir: string): Plugin {
  return {
    name: 'course-checks',
    resolveId: (id: string) => (id === CHECKS_MODULE ? `\0${CHECKS_MODULE}` : undefined),
    load: (id: string) => (id === `\0${CHECKS_MODULE}` ? checksModule(contentDir) : undefined),
  };
}
