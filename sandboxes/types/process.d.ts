/**
 * What sandboxed programs may use of Node's `process`: its environment. The in-browser sandbox
 * provides exactly this (and an `exit` that stops the run with a message).
 */
declare var process: {
  env: Record<string, string | undefined>;
  exit(code?: number): never;
};
