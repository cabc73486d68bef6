/**
 * What a graded program reads when host Node refused it something: what it tried, and what graded
 * programs may do instead. The permission model (`--permission`) throws `ERR_ACCESS_DENIED` with
 * the permission and resource; the network guard denies with its own words.
 */

const SERVICES = 'graded programs reach only the sandbox\'s services (started with serve() from @course/sandbox, and http://collector.sandbox:4318)';

/** The properties Node puts on an `ERR_ACCESS_DENIED` error. */
interface AccessDeniedError {
  code: 'ERR_ACCESS_DENIED';
  permission?: string;
  resource?: string;
  message: string;
}

export function isAccessDenied(error: unknown): error is AccessDeniedError {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ERR_ACCESS_DENIED';
}

/** The learner-facing sentence for a permission-model denial. */
export function deniedMessage(error: AccessDeniedError): string {
  const resource = error.resource ? ` ${error.resource}` : '';
  switch (error.permission) {
    case 'FileSystemWrite':
      return `The program tried to write${resource || ' a file'}; graded programs may not write files.`;
    case 'FileSystemRead':
      return `The program tried to read${resource || ' a file'}; graded programs may read only their own files.`;
    case 'ChildProcess':
      return `The program tried to start a process${resource ? ` (${resource.trim()})` : ''}; graded programs may not start processes.`;
    case 'WorkerThreads':
      return 'The program tried to start a Worker thread; graded programs may not start Workers.';
    case 'Inspector':
      return 'The program tried to open the inspector; graded programs may not use it.';
    case 'WASI':
      return 'The program tried to start WASI; graded programs may not use it.';
    default:
      return error.permission === undefined && error.message.includes('process.binding')
        ? 'The program tried to use process.binding(); graded programs may not reach Node\'s internals.'
        : `The program tried something graded programs may not do (${error.permission ?? 'access denied'}${resource}).`;
  }
}

/** An error with the sentence, marked as Node marks its own denials. */
export function accessDenied(message: string): Error {
  return Object.assign(new Error(message), { code: 'ERR_ACCESS_DENIED', permission: 'Network' });
}

export const networkDenied = (target: string) => `The program tried to connect to ${target}; ${SERVICES}.`;
export const listenDenied = (target: string) => `The program tried to listen on ${target}; ${SERVICES}.`;
export const udpDenied = () => `The program tried to send UDP datagrams; ${SERVICES}.`;
export const dnsDenied = (name: string) => `The program tried to look up ${name} in DNS; ${SERVICES}.`;
export const killDenied = (pid: number) => `The program tried to signal process ${pid}; graded programs may signal only themselves.`;
