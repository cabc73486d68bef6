import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';

export type SpanRefResult = { ok: true; span: SpanRecord } | { ok: false; message: string };

const SPAN_ID = /^[0-9a-f]{16}$/;

/**
 * A span of the trace by its id, or by its name when that name is unique: solution files and
 * questions name spans the way an instructor reads them; the page answers with ids.
 */
export function resolveSpanRef(trace: readonly SpanRecord[], ref: string): SpanRefResult {
  if (SPAN_ID.test(ref)) {
    const byId = trace.find((s) => s.spanId === ref);
    if (byId) return { ok: true, span: byId };
  }
  const named = trace.filter((s) => s.name === ref);
  if (named.length === 1) return { ok: true, span: named[0]! };
  if (named.length > 1) return { ok: false, message: `${named.length} spans are named \`${ref}\`; name this one by its span id (${named.slice(0, 3).map((s) => s.spanId).join(', ')}...).` };
  return { ok: false, message: `no span \`${ref}\` in the trace (give a span id or the name of one span).` };
}
