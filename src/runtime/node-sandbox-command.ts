import { spawnSync } from 'node:child_process';

/**
 * How host Node starts a graded program's process, so that it can read only the harness bundle
 * (the program's own files and the OpenTelemetry packages arrive inside it or over stdin),
 * write nothing, start no process, Worker, addon, WASI or inspector (Node's permission model:
 * `--permission` with no `--allow-*` flag but one `--allow-fs-read`), and, where the machine
 * allows it, has no network but its own loopback (a fresh network namespace). The harness closes
 * the network in JavaScript as well, for machines without namespaces.
 */
export interface SandboxCommand {
  command: string;
  args: string[];
  /** Whether the process runs in its own network namespace. */
  isolatedNetwork: boolean;
}

/**
 * The shell line that brings up the namespace's loopback (a new namespace has it down, and the
 * sandbox's services listen on 127.0.0.1) and then becomes `node`, keeping its process id, so
 * that a kill at the time limit reaches the program.
 */
const UP_THEN_NODE = 'ip link set lo up && exec "$0" "$@"';

let namespaces: boolean | undefined;

/** Whether `unshare` can give an unprivileged child its own user and network namespace here; probed once. */
export function canIsolateNetwork(): boolean {
  if (namespaces === undefined) {
    if (process.platform !== 'linux') namespaces = false;
    else {
      const probe = spawnSync('unshare', ['--user', '--map-root-user', '--net', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore', timeout: 5000 });
      namespaces = probe.status === 0;
    }
  }
  return namespaces;
}

export function sandboxCommand(options: { node: string; harness: string; memoryLimitMb: number; isolateNetwork: boolean }): SandboxCommand {
  const nodeArgs = [
    `--max-old-space-size=${options.memoryLimitMb}`,
    '--permission',
    `--allow-fs-read=${options.harness}`,
    options.harness,
  ];
  if (!options.isolateNetwork) return { command: options.node, args: nodeArgs, isolatedNetwork: false };
  return {
    command: 'unshare',
    args: ['--user', '--map-root-user', '--net', 'sh', '-c', UP_THEN_NODE, options.node, ...nodeArgs],
    isolatedNetwork: true,
  };
}
