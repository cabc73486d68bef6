import { afterCompilerHolds } from '../../runtime/compiler-priority.ts';

/** A start that waits to be wanted. */
export interface WorkerGate {
  /** Says the worker is wanted now; calling it again changes nothing. */
  open(): void;
  /** Resolves once the gate is open and no compiler holds start-up work back. */
  readonly opened: Promise<void>;
}

/**
 * Monaco starts its TypeScript worker as soon as a TypeScript model exists, only to check it: 6.9 MB
 * of script to load and a program of every declaration file to build, seconds of CPU on a phone,
 * for a page the learner may only read. Behind this gate the worker waits until someone wants it:
 * the learner's first focus, press, key or pointer over an editor, or a Run that asks the editor's
 * compiler. Like the rest of the page's start-up work, it then also waits while the transpiler
 * Worker holds the CPU for a Run (`compiler-priority.ts`).
 */
export function workerGate(): WorkerGate {
  let open!: () => void;
  const wanted = new Promise<void>((resolve) => (open = resolve));
  return { open: () => open(), opened: wanted.then(afterCompilerHolds) };
}
