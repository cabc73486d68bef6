export interface ParsedTraceparent {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** The caller's span id: 16 lowercase hex digits. */
  parentId: string;
  /** Bit 0 of the trace flags. */
  sampled: boolean;
}

const HEX = /^[0-9a-f]+$/;
const isHex = (text: string, length: number) => text.length === length && HEX.test(text);

/**
 * Reads a W3C traceparent header (version 00): `version-traceid-parentid-flags`, lowercase hex.
 * Returns undefined for a missing or invalid one, so that the caller starts a new trace.
 */
export function parseTraceparent(header: string | undefined): ParsedTraceparent | undefined {
  if (header === undefined) return undefined;
  // Version 00 has exactly four fields; anything after them makes it invalid.
  const fields = header.trim().split('-');
  if (fields.length !== 4) return undefined;
  const [version, traceId, parentId, flags] = fields as [string, string, string, string];
  // Lowercase only: upper-case hex is invalid, not something to fix up.
  if (version !== '00' || !isHex(traceId, 32) || !isHex(parentId, 16) || !isHex(flags, 2)) return undefined;
  // An all-zero id is the "invalid" id of the specification.
  if (/^0+$/.test(traceId) || /^0+$/.test(parentId)) return undefined;
  // Flags are a bit field: 03 (sampled, random trace id) is sampled too.
  return { traceId, parentId, sampled: (parseInt(flags, 16) & 0x01) === 0x01 };
}
