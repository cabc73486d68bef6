/**
 * A program's entry convention, the same in every runtime: the entry module may export a `main`
 * function, a default function, or be a function itself; the harness (Worker, Node child) and
 * the plain-Node grader call and await whichever it is.
 */
export function entryFunction(exports: unknown): (() => unknown) | undefined {
  if (typeof exports === 'function') return exports as () => unknown;
  if (typeof exports !== 'object' || exports === null) return undefined;
  const { main, default: fallback } = exports as { main?: unknown; default?: unknown };
  if (typeof main === 'function') return main as () => unknown;
  if (typeof fallback === 'function') return fallback as () => unknown;
  return undefined;
}
