import type { RunError } from '../../sandboxes/wire/protocol.ts';
import type { RunData } from './run-data.ts';

/** How a failed run is reported: the overall message, and whether its records are still checked. */
export interface RunFailure {
  /** For the learner: what happened, where, and what the checks did about it. */
  message: string;
  /** Whether checks run on the records (partial but genuine); when not, why not, for each check. */
  evaluate: boolean;
  notChecked: string;
}

const MAX_ERRORS = 5;

/** "main.ts, line 4" */
function where(error: RunError): string {
  return error.at ? ` (${error.at.file}, line ${error.at.line})` : '';
}

/** The error as the learner should read it: the message with its type, unless the type says nothing. */
function describeError(error: RunError): string {
  const name = ['Error', 'NonError', ''].includes(error.name) || error.kind === 'limit' || error.kind === 'sandbox' ? '' : `${error.name}: `;
  return `${name}${error.message}${where(error)}`;
}

const KIND_OF_EXIT = { error: 'runtime', 'compile-error': 'compile', timeout: 'limit', 'span-limit': 'limit', crashed: 'sandbox', cancelled: 'limit' } as const;

/** Something host-Node grading refused the program (a file write, a process, a connection): likely the cause of what followed. */
const isDenial = (error: RunError) => error.kind === 'sandbox' && error.name === 'AccessDenied';

/** The error that ended the run: a denial first, then the first of the kind its exit says, else the first. */
function mainError(run: RunData): RunError | undefined {
  if (run.exit === 'ok') return undefined;
  const denial = run.exit === 'error' ? run.errors.find(isDenial) : undefined;
  if (denial) return denial;
  const kind = KIND_OF_EXIT[run.exit];
  return run.errors.find((e) => e.kind === kind) ?? run.errors[0];
}

/** Undefined when the run ended normally. */
export function runFailure(run: RunData): RunFailure | undefined {
  if (run.exit === 'ok') return undefined;
  const error = mainError(run);
  const others = run.errors.length - (error ? 1 : 0);
  const more = others > 0 ? ` (and ${others} more error${others === 1 ? '' : 's'})` : '';
  switch (run.exit) {
    case 'compile-error': {
      const compileErrors = run.errors.filter((e) => e.kind === 'compile');
      const shown = (compileErrors.length ? compileErrors : run.errors).slice(0, MAX_ERRORS).map((e) => `\n${e.at ? `${e.at.file}, line ${e.at.line}, column ${e.at.column}: ` : ''}${e.message}`);
      const hidden = compileErrors.length > MAX_ERRORS ? `\nand ${compileErrors.length - MAX_ERRORS} more` : '';
      return { message: `Your code did not compile, so it was not checked:${shown.join('')}${hidden}`, evaluate: false, notChecked: 'Not checked: the code did not compile.' };
    }
    case 'cancelled':
      return { message: 'The run was cancelled, so it was not checked.', evaluate: false, notChecked: 'Not checked: the run was cancelled.' };
    case 'error':
      if (error && isDenial(error)) {
        return { message: `${error.message.replace(/\.$/, '')}${more}. The checks ran on the spans the program recorded.`, evaluate: true, notChecked: '' };
      }
      return {
        message: `Your program stopped with an error${error ? `: ${describeError(error)}` : ''}${more}. The checks ran on the spans recorded before it stopped.`,
        evaluate: true,
        notChecked: '',
      };
    case 'timeout':
    case 'span-limit':
    case 'crashed':
      return {
        message: `${error ? describeError(error) : 'The program was stopped.'} The checks ran on the spans recorded before it was stopped.`,
        evaluate: true,
        notChecked: '',
      };
  }
}
