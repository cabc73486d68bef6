import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { code, shortId } from './format.ts';
import type { RunIndex } from './run-data.ts';
import { findAll, noneReason } from './span-finder.ts';
import type { Verdict } from './span-links.ts';
import { describeTarget, matches, type SpanQuery } from './span-query.ts';

/**
 * Ancestors of a span, parent first. Stops at a root, at a parent that was not recorded, or at
 * a loop (possible only when the program forged its ids).
 */
export function ancestorsOf(index: RunIndex, record: SpanRecord): { spans: SpanRecord[]; broken?: 'missing' | 'loop' } {
  const spans: SpanRecord[] = [];
  const seen = new Set<SpanRecord>([record]);
  let current = record;
  for (;;) {
    if (!current.parentSpanId) return { spans };
    const parent = index.parentOf(current);
    if (!parent) return { spans, broken: 'missing' };
    if (seen.has(parent)) return { spans, broken: 'loop' };
    seen.add(parent);
    spans.push(parent);
    current = parent;
  }
}

/**
 * Not in the trace of any span matching `query`. At least one must exist: a negative relation
 * to a span the program never made would pass for the wrong reason.
 */
export function notInSameTrace(index: RunIndex, record: SpanRecord, subject: string, query: SpanQuery): Verdict {
  const others = findAll(index, query).filter((span) => span !== record);
  const shared = others.find((span) => span.traceId === record.traceId);
  return {
    ok: others.length > 0 && !shared,
    message: () => {
      const target = describeTarget(query);
      if (!others.length) return `${subject} should not be in the same trace as ${target} (a span that must exist), but ${noneReason(index, query)}.`;
      const which = others.length > 1 ? `${code(shared!.name)} (one of them)` : target;
      return `${subject} should not be in the same trace as ${target}, but it and ${which} are both in trace ${shortId(record.traceId)}: it was started inside that trace's context. A span starts a new trace with \`{ root: true }\` (or in \`ROOT_CONTEXT\`); a link can still point back.`;
    },
  };
}

export function notChildOf(index: RunIndex, record: SpanRecord, subject: string, query: SpanQuery): Verdict {
  const parent = index.parentOf(record);
  return { ok: !parent || !matches(query, parent), message: () => `${subject} should not be a child of ${describeTarget(query)}, but its parent is ${code(parent!.name)}.` };
}

export function notDescendantOf(index: RunIndex, record: SpanRecord, subject: string, query: SpanQuery): Verdict {
  const path = ancestorsOf(index, record).spans;
  return {
    ok: !path.some((span) => matches(query, span)),
    message: () => {
      const names = [...path.map((s) => code(s.name)).reverse(), code(record.name)];
      return `${subject} should not be a descendant of ${describeTarget(query)}, but its path from the root is ${names.join(' > ')}.`;
    },
  };
}
