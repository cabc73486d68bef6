import { createHmac, timingSafeEqual } from 'node:crypto';
import type { HarnessMessage } from '../../src/runtime/protocol.ts';

/**
 * Span and console messages leave a Node sandbox on stdout, as lines a program could also
 * print. Each frame is therefore signed with a per-run secret that only the harness and its
 * parent know (it arrives on stdin, which the harness reads before any learner code runs), and
 * numbered, so that a frame can be neither forged nor replayed.
 */
export const FRAME_MARK = '\u001eotel-course ';

function signature(secret: string, seq: number, payload: string): string {
  return createHmac('sha256', secret).update(`${seq}\n${payload}`).digest('hex');
}

export function encodeFrame(secret: string, seq: number, message: HarnessMessage): string {
  const payload = JSON.stringify(message);
  return `${FRAME_MARK}${seq} ${signature(secret, seq, payload)} ${payload}\n`;
}

export type DecodedLine =
  | { kind: 'frame'; message: HarnessMessage }
  | { kind: 'rejected'; reason: string }
  | { kind: 'text'; text: string };

/** Reads one stdout line; `expectedSeq` is the next sequence number the parent accepts. */
export function decodeLine(secret: string, expectedSeq: number, line: string): DecodedLine {
  const at = line.indexOf(FRAME_MARK);
  if (at < 0) return { kind: 'text', text: line };
  const rest = line.slice(at + FRAME_MARK.length);
  const match = /^(\d+) ([0-9a-f]{64}) /.exec(rest);
  if (!match) return { kind: 'rejected', reason: 'malformed frame' };
  const seq = Number(match[1]);
  const payload = rest.slice(match[0].length);
  const expected = Buffer.from(signature(secret, seq, payload), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'))) return { kind: 'rejected', reason: 'bad signature' };
  if (seq !== expectedSeq) return { kind: 'rejected', reason: `replayed or out-of-order frame ${seq}` };
  return { kind: 'frame', message: JSON.parse(payload) as HarnessMessage };
}
