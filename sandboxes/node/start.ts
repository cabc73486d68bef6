import { readFileSync, rmSync } from 'node:fs';
import type { HarnessInput } from '../wire/protocol.ts';
import { START_ENV } from '../wire/start-env.ts';

export interface HarnessStart {
  secret: string;
  input: HarnessInput;
  /**
   * Host-Node grading: the process runs under `--permission`; the harness closes the network
   * too and reports every denial to the learner.
   */
  lockdown: boolean;
}

interface StartLine {
  secret: string;
  input?: HarnessInput;
  inputFile?: string;
  lockdown?: boolean;
}

async function firstStdinLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (/[\r\n]/.test(text)) break;
  }
  return text.split(/[\r\n]/)[0]!;
}

/**
 * The run's secret and input, taken before any learner code runs. A WebContainer passes
 * `{ secret, inputFile }` in `spawn`'s environment: its stdin is a terminal that has no end and
 * may drop what is written before Node reads it. The variable is removed from `process.env`
 * (and so from any process the program starts) and the input file deleted once read. Host Node
 * writes `{ secret, input }` to stdin, a pipe, which the harness reads to its first newline.
 */
export async function readStart(env: NodeJS.ProcessEnv = process.env): Promise<HarnessStart> {
  const fromEnv = env[START_ENV];
  delete env[START_ENV];
  const start = JSON.parse(fromEnv ?? (await firstStdinLine())) as StartLine;
  const lockdown = start.lockdown === true;
  if (start.input) return { secret: start.secret, input: start.input, lockdown };
  const input = JSON.parse(readFileSync(start.inputFile!, 'utf8')) as HarnessInput;
  rmSync(start.inputFile!, { force: true });
  return { secret: start.secret, input, lockdown };
}
