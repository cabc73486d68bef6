/**
 * Code carried in a link's fragment, so a learner can share their code without a server: the
 * fragment never reaches the web server, and the code is compressed (deflate-raw) and base64url
 * encoded. `#exercise=<id>&code=z<data>`; a browser without CompressionStream writes `p<data>`
 * (plain UTF-8), which every version can still read.
 */

/** A shared program larger than this is refused when opened: a link must not fill the memory. */
export const MAX_SHARED_CODE_BYTES = 200_000;

export type SharedCode = { ok: true; exerciseId: string; code: string } | { ok: false; error: string };

const toBase64Url = (bytes: Uint8Array): string => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const fromBase64Url = (text: string): Uint8Array | undefined => {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
};

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array | undefined> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes as Uint8Array<ArrayBuffer>).then(() => writer.close()).catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // A small link can inflate to gigabytes: stop reading as soon as it is too big.
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

const canCompress = () => typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';

/** The fragment (without `#`) of a link that opens `exerciseId` with `code`. */
export async function encodeSharedCode(exerciseId: string, code: string): Promise<string> {
  const bytes = new TextEncoder().encode(code);
  const data = canCompress() ? `z${toBase64Url((await transform(bytes, new CompressionStream('deflate-raw'), Infinity))!)}` : `p${toBase64Url(bytes)}`;
  return new URLSearchParams({ exercise: exerciseId, code: data }).toString();
}

/** Whether a fragment carries shared code at all (a plain `#section` link does not). */
export function hasSharedCode(fragment: string): boolean {
  return new URLSearchParams(fragment.replace(/^#/, '')).has('code');
}

/** Reads a fragment made by `encodeSharedCode`; a damaged or oversized one gives a reason, never throws. */
export async function decodeSharedCode(fragment: string): Promise<SharedCode> {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const exerciseId = params.get('exercise') ?? '';
  const data = params.get('code') ?? '';
  const damaged: SharedCode = { ok: false, error: 'The code in this link is damaged (was it cut short when it was copied?), so it was not opened.' };
  if (!exerciseId || data.length < 1) return damaged;
  const bytes = fromBase64Url(data.slice(1));
  if (!bytes) return damaged;
  let decoded: Uint8Array | undefined;
  if (data[0] === 'p') decoded = bytes.byteLength <= MAX_SHARED_CODE_BYTES ? bytes : undefined;
  else if (data[0] === 'z') {
    if (!canCompress()) return { ok: false, error: 'This browser cannot open compressed code links: try a current Chrome, Edge, Firefox or Safari.' };
    try {
      decoded = await transform(bytes, new DecompressionStream('deflate-raw'), MAX_SHARED_CODE_BYTES);
    } catch {
      return damaged;
    }
  } else return damaged;
  if (!decoded) return { ok: false, error: `The code in this link is larger than ${MAX_SHARED_CODE_BYTES / 1000} KB, so it was not opened.` };
  try {
    return { ok: true, exerciseId, code: new TextDecoder('utf-8', { fatal: true }).decode(decoded) };
  } catch {
    return damaged;
  }
}
