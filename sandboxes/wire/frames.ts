import type { HarnessMessage } from './protocol.ts';

/**
 * Span and console messages leave a Node sandbox on stdout, as lines a program could also
 * print. Each frame is therefore signed with a per-run secret that only the harness and its
 * parent know (it arrives on stdin, which the harness reads before any learner code runs), and
 * numbered, so that a frame can be neither forged nor replayed. A frame is
 * `FRAME_MARK seq hex(HMAC-SHA256(secret, "seq\npayload")) payload`, found anywhere in a line.
 *
 * A frame is ASCII only: the payload's JSON escapes every other character. A WebContainer
 * decodes each chunk of output on its own (no streaming decoder), so a multi-byte character
 * cut between two chunks comes out as U+FFFD; with one byte per character, a cut can fall only
 * between characters, and a frame survives any chunking.
 *
 * One codec for both sides. Reading uses WebCrypto, which host Node (20+) and the page share.
 * Writing takes the HMAC as a function: the harness must sign synchronously, because a program
 * stuck in a loop never yields to an async signer, and the span-flood frame must still go out.
 */
export const FRAME_MARK = '\u001eotel-course ';

/** HMAC-SHA256 of `text` with the run's secret, as lowercase hex. */
export type FrameSigner = (text: string) => string;

export type DecodedLine =
  | { kind: 'frame'; message: HarnessMessage }
  | { kind: 'rejected'; reason: string }
  | { kind: 'text'; text: string };

const FRAME_HEAD = /^(\d+) ([0-9a-f]{64}) /;
const encoder = new TextEncoder();

const signedText = (seq: number, payload: string) => `${seq}\n${payload}`;

const NON_ASCII = /[\u0080-\uffff]/g;
const escapeNonAscii = (json: string) => json.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** One frame, ending in a newline; ASCII only. */
export function encodeFrame(sign: FrameSigner, seq: number, message: HarnessMessage): string {
  const payload = escapeNonAscii(JSON.stringify(message));
  return `${FRAME_MARK}${seq} ${sign(signedText(seq, payload))} ${payload}\n`;
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** A fresh per-run secret: 32 random bytes as hex. */
export function newFrameSecret(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Checks one run's stdout lines in order. `read` calls are queued, so the sequence rule holds
 * even when a caller does not wait for one line before handing over the next.
 */
export class FrameVerifier {
  private readonly key: ReturnType<typeof crypto.subtle.importKey>;
  private expectedSeq = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(secret: string) {
    this.key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  }

  /** The sequence number of the next frame accepted. */
  get nextSeq(): number {
    return this.expectedSeq;
  }

  read(line: string): Promise<DecodedLine> {
    const decoded = this.queue.then(() => this.decode(line));
    this.queue = decoded.catch(() => undefined);
    return decoded;
  }

  private async decode(line: string): Promise<DecodedLine> {
    const at = line.indexOf(FRAME_MARK);
    if (at < 0) return { kind: 'text', text: line };
    const rest = line.slice(at + FRAME_MARK.length);
    const match = FRAME_HEAD.exec(rest);
    if (!match) return { kind: 'rejected', reason: 'malformed frame' };
    const seq = Number(match[1]);
    const payload = rest.slice(match[0].length);
    // `verify` compares in constant time.
    if (!(await crypto.subtle.verify('HMAC', await this.key, hexToBytes(match[2]!), encoder.encode(signedText(seq, payload))))) {
      return { kind: 'rejected', reason: 'bad signature' };
    }
    if (seq !== this.expectedSeq) return { kind: 'rejected', reason: `replayed or out-of-order frame ${seq}` };
    let message: HarnessMessage;
    try {
      message = JSON.parse(payload) as HarnessMessage;
    } catch {
      return { kind: 'rejected', reason: 'unreadable frame' };
    }
    this.expectedSeq += 1;
    return { kind: 'frame', message };
  }
}
