import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeSharedCode, encodeSharedCode, hasSharedCode, MAX_SHARED_CODE_BYTES } from '../../src/exercises/share-code.ts';

const program = `import { trace } from '@opentelemetry/api';\n// Zahlung prüfen — ✓ 支払い\nexport async function main() {\n  trace.getTracer('shop').startActiveSpan('POST /checkout', (span) => span.end());\n}\n`;

const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

describe('code shared in a link', () => {
  it('comes back exactly as it was written, non-ASCII text included, and names its exercise', async () => {
    const fragment = await encodeSharedCode('checkout-trace', program);
    expect(hasSharedCode(`#${fragment}`)).toBe(true);
    expect(await decodeSharedCode(`#${fragment}`)).toEqual({ ok: true, exerciseId: 'checkout-trace', code: program });
  });

  it('is compressed, and safe to put in a URL as it is', async () => {
    const long = program.repeat(40);
    const fragment = await encodeSharedCode('checkout-trace', long);
    expect(fragment.length).toBeLessThan(long.length / 4);
    expect(fragment).toMatch(/^exercise=checkout-trace&code=z[A-Za-z0-9_-]+$/);
  });

  it('reads the plain form that browsers without CompressionStream write', async () => {
    const fragment = `exercise=one-trace&code=p${base64url(new TextEncoder().encode(program))}`;
    expect(await decodeSharedCode(fragment)).toEqual({ ok: true, exerciseId: 'one-trace', code: program });
  });

  it('is not found in an ordinary section link', () => {
    expect(hasSharedCode('#exercise-checkout-trace-title')).toBe(false);
    expect(hasSharedCode('')).toBe(false);
  });

  it.each([
    ['cut short', async () => (await encodeSharedCode('checkout-trace', program.repeat(5))).slice(0, -12)],
    ['with characters base64url does not use', async () => 'exercise=checkout-trace&code=zab+c/d'],
    ['without an exercise', async () => `code=p${base64url(new TextEncoder().encode(program))}`],
    ['in an unknown form', async () => `exercise=checkout-trace&code=q${base64url(new TextEncoder().encode(program))}`],
    ['that is not UTF-8', async () => `exercise=checkout-trace&code=p${base64url(new Uint8Array([0xff, 0xfe, 0x41]))}`],
  ])('is refused with a reason when it is %s', async (_, fragment) => {
    const shared = await decodeSharedCode(await fragment());
    expect(shared).toEqual({ ok: false, error: expect.stringMatching(/damaged/) });
  });

  it('is refused when it inflates past the size limit, without inflating all of it', async () => {
    // 50 MB of zeros compress to about 50 KB: a small link that would fill the memory.
    const bomb = deflateRawSync(Buffer.alloc(50_000_000));
    const shared = await decodeSharedCode(`exercise=checkout-trace&code=z${base64url(bomb)}`);
    expect(shared).toEqual({ ok: false, error: `The code in this link is larger than ${MAX_SHARED_CODE_BYTES / 1000} KB, so it was not opened.` });
  });
});
