/**
 * The `probabilistic` policy's hash, as the tail sampling processor computes it: 64-bit FNV-1a
 * over the hash salt's bytes followed by the 16 bytes of the trace id, compared with a threshold
 * of `MaxUint64 * sampling_percentage / 100`. Same salt, same trace id, same decision as a real
 * Collector.
 */

const mask = 0xffffffffffffffffn;

export const maxUint64 = mask;

/** The salt the processor uses when `hash_salt` is empty. */
export const defaultHashSalt = 'default-hash-seed';

export function fnv1a64(bytes: Uint8Array): bigint {
  // Four 16-bit limbs (least significant first) keep every product within a double, which is
  // far faster than BigInt arithmetic per byte. The prime is 2^40 + 0x1b3.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (const byte of bytes) {
    h0 ^= byte;
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + h0 * 0x100 + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + h1 * 0x100 + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  return (BigInt(h3) << 48n) | (BigInt(h2) << 32n) | (BigInt(h1) << 16n) | BigInt(h0);
}

export function traceIdBytes(traceId: string): Uint8Array {
  if (!/^[0-9a-f]{32}$/i.test(traceId)) throw new Error(`a trace id is 32 hex digits, found \`${traceId}\``);
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Number.parseInt(traceId.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function hashTraceId(salt: string, traceId: string): bigint {
  const saltBytes = new TextEncoder().encode(salt);
  const idBytes = traceIdBytes(traceId);
  const all = new Uint8Array(saltBytes.length + idBytes.length);
  all.set(saltBytes);
  all.set(idBytes, saltBytes.length);
  return fnv1a64(all);
}

/**
 * `MaxUint64 * ratio`, clamped to [0, MaxUint64], computed exactly from the float64 ratio and
 * truncated. (Go multiplies in a 64-bit-mantissa big.Float, which can round the last unit up
 * for ratios above one half; a hash equal to that one value has a chance of 2^-64.)
 */
export function samplingThreshold(ratio: number): bigint {
  if (!(ratio > 0)) return 0n;
  if (ratio >= 1) return maxUint64;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, ratio);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  // ratio = significand * 2^(power), exactly
  const significand = exponent === 0 ? fraction : fraction | (1n << 52n);
  const power = (exponent === 0 ? 1 : exponent) - 1075;
  const product = maxUint64 * significand;
  return power >= 0 ? product << BigInt(power) : product >> BigInt(-power);
}
