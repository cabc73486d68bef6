import { checkLoaders } from 'virtual:course/checks';
import type { CheckList } from '../grade-run.ts';

/** The loader of an exercise's checks.ts (its default export, whatever kind of checks it holds). */
export function checkLoaderOf(id: string): () => Promise<{ default: unknown }> {
  const loader = checkLoaders[id];
  if (!loader) throw new Error(`No checks for exercise ${id}.`);
  return loader;
}

/** The checks of a program exercise, loaded with its first Run. */
export function checksOf(id: string): () => Promise<CheckList> {
  return async () => (await checkLoaderOf(id)()).default as CheckList;
}
