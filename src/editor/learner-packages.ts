/**
 * The packages learner code can import: the sandboxes provide exactly these (see
 * `sandboxes/worker/worker.ts`; a unit test keeps the two lists equal). The editor's
 * TypeScript service gets their declaration files, and those of the packages they import.
 */
export const LEARNER_PACKAGES = [
  '@opentelemetry/api',
  '@opentelemetry/context-async-hooks',
  '@opentelemetry/core',
  '@opentelemetry/resources',
  '@opentelemetry/semantic-conventions',
  '@opentelemetry/sdk-trace',
  '@opentelemetry/sdk-trace-base',
  '@opentelemetry/sdk-trace-web',
] as const;
