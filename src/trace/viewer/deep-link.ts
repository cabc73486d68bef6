/**
 * Deep links to a span: `#span=<spanKey>&trace=<traceId>` in the URL fragment, so that a learner
 * can share "look at this span". Other fragments (heading anchors) are left alone.
 */

export interface SpanLink {
  traceId: string | undefined;
  /** The span's key: its id, or `id~2` for the second span that reuses an id. */
  spanKey: string;
}

export function parseSpanLink(hash: string): SpanLink | undefined {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!text.includes('span=')) return undefined;
  const params = new URLSearchParams(text);
  const spanKey = params.get('span');
  if (spanKey === null || spanKey === '') return undefined;
  const traceId = params.get('trace');
  return { spanKey: spanKey.toLowerCase(), traceId: traceId ? traceId.toLowerCase() : undefined };
}

export function formatSpanLink(link: { traceId: string; spanKey: string }): string {
  return `#${new URLSearchParams({ span: link.spanKey, trace: link.traceId }).toString()}`;
}

/** Whether writing a span link would replace a fragment that means something else (a heading). */
export function isForeignFragment(hash: string): boolean {
  return hash !== '' && hash !== '#' && parseSpanLink(hash) === undefined;
}
