/**
 * `@course/sandbox` as a plain module, for exercises run as plain Node programs: the Node
 * sandbox's network module (real HTTP on 127.0.0.1) with nobody recording the requests.
 */
import { createSandboxModule } from '../../../sandboxes/harness/network.ts';
import { httpTransport } from '../../../sandboxes/node/http-transport.ts';

const sandbox = createSandboxModule({ runtime: 'node', transport: httpTransport(), record: () => undefined });

export const { runtime, serve, fetch, collectorUrl, otlpJson, work, input, observe } = sandbox;
