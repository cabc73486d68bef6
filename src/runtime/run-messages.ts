import type { RunError } from '../../sandboxes/wire/protocol.ts';

/**
 * What a learner reads when the sandbox, not their program, ends a run: what happened and what
 * to look for. Every runtime uses these, so the words are the same wherever a program ran.
 */

export const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

export function limitError(reason: 'timeout' | 'span-limit' | 'cancelled', limit: number): RunError {
  if (reason === 'timeout') {
    return {
      kind: 'limit',
      name: 'TimeLimit',
      message: `The program was stopped after ${seconds(limit)}. Look for a loop that never ends, or an await on a promise that never settles.`,
    };
  }
  if (reason === 'span-limit') {
    return {
      kind: 'limit',
      name: 'SpanLimit',
      message: `The program ended more than ${limit.toLocaleString('en-US')} spans, so it was stopped. A span created in a loop that never ends, or one per item of a huge list, floods the trace.`,
    };
  }
  return { kind: 'limit', name: 'Cancelled', message: 'The run was cancelled.' };
}

/** The TypeScript compiler, not the program, failed: it did not load, stopped, threw or went silent. */
export function compilerError(failure: 'load-timeout' | 'answer-timeout' | 'failed', limit: number, detail?: string): RunError {
  const message =
    failure === 'load-timeout'
      ? `The TypeScript compiler did not load within ${seconds(limit)}, so your program did not run. Check your connection, then press Run again.`
      : failure === 'answer-timeout'
        ? `The TypeScript compiler did not answer within ${seconds(limit)}, so your program did not run. It has been restarted: press Run again.`
        : `The TypeScript compiler failed, so your program did not run: ${detail ?? 'no reason given'}. Press Run again; reloading the page starts a fresh compiler.`;
  return { kind: 'sandbox', name: 'CompilerError', message };
}

/** A sandbox process that ended without saying `done`: out of memory, or another exit (with its last lines of `output`). */
export function sandboxExitError(output: string, exitCode: number | null | undefined, memoryLimitMb?: number): RunError {
  const outOfMemory = /heap out of memory|Allocation failed/i.test(output);
  const last = output.trim().split('\n').slice(-5).join('\n');
  if (outOfMemory) {
    const limit = memoryLimitMb === undefined ? '' : ` (limit ${memoryLimitMb} MB)`;
    return { kind: 'sandbox', name: 'OutOfMemory', message: `The program ran out of memory${limit}. Look for a list or string that grows without end.` };
  }
  return {
    kind: 'sandbox',
    name: 'SandboxExit',
    message: `The sandbox stopped unexpectedly (exit code ${exitCode ?? 'unknown'}).${last ? `\n${last}` : ''}`,
  };
}

export const sandboxError = (message: string): RunError => ({ kind: 'sandbox', name: 'SandboxError', message });

/** The sandbox's process stopped answering mid-run: in practice, the program took all the memory it could. */
export const outOfMemoryError = (): RunError => ({
  kind: 'sandbox',
  name: 'OutOfMemory',
  message: 'The program ran out of memory, so the sandbox was stopped. Look for a list or string that grows without end. Your code is kept: fix it and press Run again.',
});

/** The program sent more than a run may (too much output, too many errors), so it was stopped. */
export function overflowError(what: 'bytes' | 'errors', limit?: number): RunError {
  const message =
    what === 'errors'
      ? `The program reported more than ${limit ?? 100} errors (unhandled rejections or exceptions), so it was stopped. Look for a promise rejected in a loop with nothing to catch it.`
      : 'The program sent more output than a run may (spans, console lines, errors or requests), so it was stopped. Look for a loop that logs or records without end.';
  return { kind: 'limit', name: 'OutputLimit', message };
}

/** A message from the sandbox that breaks the rules of the wire format (made by the program, not the harness). */
export const untrustedRecordError = (problem: string): RunError => ({
  kind: 'sandbox',
  name: 'InvalidRecord',
  message: `The sandbox sent a record the course cannot use (${problem}), so the run was stopped. Records come from the OpenTelemetry SDK: create and end spans through its API, not by hand.`,
});
