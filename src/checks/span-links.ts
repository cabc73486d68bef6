import type { AttributeValue, SpanLinkRecord, SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { code, list, plural, shortId, value, valueAgainst } from './format.ts';
import type { RunIndex } from './run-data.ts';
import { absentNote } from './span-finder.ts';
import { describeTarget, hasOwn, matches, sameValue, type SpanQuery } from './span-query.ts';

/**
 * What the link assertions of `SpanAssert` decide, and the words of their failures. A link
 * names another span by trace and span id; it points to a recorded span when the run has one
 * with those ids (in this trace or another), else to a span the checks cannot see.
 */
export interface Verdict {
  ok: boolean;
  message: () => string;
}

const HOW_TO_LINK = 'Links are added when a span starts (`tracer.startSpan(name, { links: [{ context: other.spanContext() }] })`) or with `span.addLink(...)`.';

/** The span a link points to, when the run recorded it. */
const linked = (index: RunIndex, link: SpanLinkRecord) => index.lookup(link.traceId, link.spanId);

/** "`enqueue order` (in another trace)", or "a span that was not recorded (trace 4bf92f35…, span 00f067aa…)". */
function describeLink(index: RunIndex, record: SpanRecord, link: SpanLinkRecord): string {
  const target = linked(index, link);
  if (!target) return `a span that was not recorded (trace ${shortId(link.traceId)}, span ${shortId(link.spanId)})`;
  return `${code(target.name)}${target.traceId === record.traceId ? ' (in its own trace)' : ' (in another trace)'}`;
}

function linksFound(index: RunIndex, record: SpanRecord): string {
  const { links } = record;
  if (!links.length) return `it has no links. ${HOW_TO_LINK}`;
  return `its ${links.length === 1 ? 'link points' : 'links point'} to ${list(links.map((l) => describeLink(index, record, l)))}.`;
}

function attributesMismatch(link: SpanLinkRecord, attributes: Readonly<Record<string, AttributeValue>>): string | undefined {
  for (const [key, expected] of Object.entries(attributes)) {
    if (!hasOwn(link.attributes, key)) return `has no attribute ${code(key)}`;
    if (!sameValue(link.attributes[key], expected)) return `has ${code(key)} = ${valueAgainst(link.attributes[key], expected)}`;
  }
  return undefined;
}

/** A link (to a span matching `query`, with these `attributes`, when given). */
export function hasLink(index: RunIndex, record: SpanRecord, subject: string, query?: SpanQuery, attributes?: Readonly<Record<string, AttributeValue>>): Verdict {
  const toTarget = query ? record.links.filter((l) => { const span = linked(index, l); return span !== undefined && matches(query, span); }) : record.links;
  const fits = attributes ? toTarget.filter((l) => attributesMismatch(l, attributes) === undefined) : toTarget;
  return {
    ok: fits.length > 0,
    message: () => {
      const to = query ? ` to ${describeTarget(query)}` : '';
      const details = attributes ? ` with ${list(Object.entries(attributes).map(([k, v]) => `${code(k)} = ${value(v)}`), Object.keys(attributes).length)}` : '';
      const wanted = `${subject} should have a link${to}${details}`;
      if (toTarget.length && attributes) return `${wanted}, but its link${to} ${attributesMismatch(toTarget[0]!, attributes)!}.`;
      return `${wanted}, but ${linksFound(index, record)}${query ? absentNote(index, query) : ''}`;
    },
  };
}

export function hasLinkCount(record: SpanRecord, subject: string, n: number): Verdict {
  const count = record.links.length;
  return { ok: count === n, message: () => `${subject} should have ${plural(n, 'link')}, but it has ${count === 0 ? 'none' : count}.` };
}

/** A link to a span in another trace than its own (to one matching `query`, when given): a batch that links the requests it serves. */
export function hasLinkToAnotherTrace(index: RunIndex, record: SpanRecord, subject: string, query?: SpanQuery): Verdict {
  const elsewhere = record.links.filter((l) => {
    if (l.traceId === record.traceId) return false;
    const span = linked(index, l);
    return !query || (span !== undefined && matches(query, span));
  });
  return {
    ok: elsewhere.length > 0,
    message: () => {
      const to = query ? ` to ${describeTarget(query)}` : '';
      const own = record.links.length > 0 && record.links.every((l) => l.traceId === record.traceId);
      const why = own
        ? `every link points into its own trace (${list(record.links.map((l) => describeLink(index, record, l)))}): the two spans share a trace id, so one was started inside the other's context.`
        : linksFound(index, record);
      return `${subject} should have a link${to} in another trace, but ${why}${query ? absentNote(index, query) : ''}`;
    },
  };
}
