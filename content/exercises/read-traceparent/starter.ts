export interface ParsedTraceparent {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** The caller's span id: 16 lowercase hex digits. */
  parentId: string;
  /** Bit 0 of the trace flags. */
  sampled: boolean;
}

/**
 * Reads a W3C traceparent header (version 00): `version-traceid-parentid-flags`, lowercase hex.
 * Returns undefined for a missing or invalid one, so that the caller starts a new trace.
 */
export function parseTraceparent(header: string | undefined): ParsedTraceparent | undefined {
  if (header === undefined) return undefined;
  // TODO: accept only what the specification calls valid, and read the sampled flag as a bit.
  const [, traceId = '', parentId = '', flags = ''] = header.split('-');
  return { traceId, parentId, sampled: flags === '01' };
}
