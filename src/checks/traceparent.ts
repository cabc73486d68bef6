import type { CheckState } from './check-state.ts';
import { code, sentence, shortId, typeName, value } from './format.ts';
import type { RunIndex } from './run-data.ts';
import { describeTarget, toQuery, type SpanSelector } from './span-query.ts';
import { findAll, noneReason } from './span-finder.ts';

/**
 * W3C Trace Context `traceparent`, version 00: `00-<32 hex trace id>-<16 hex parent id>-<2 hex
 * flags>`, lowercase, ids not all zeros. Each way a value can be wrong has its own message,
 * because the usual mistakes (flags written as `1`, ids swapped, a header built by hand with
 * upper case) each need a different fix.
 */

export interface Traceparent {
  version: string;
  traceId: string;
  /** The span id of the caller's span. */
  parentId: string;
  flags: string;
  /** The sampled flag (bit 0 of the flags). */
  sampled: boolean;
}

export type TraceparentParse = { valid: true; traceparent: Traceparent } | { valid: false; problem: string };

const FIELDS = [
  { name: 'trace id', length: 32 },
  { name: 'parent id', length: 16 },
  { name: 'flags', length: 2 },
] as const;

/** Checks one hex field; returns the problem as a sentence, or undefined when it is valid. */
function fieldProblem(field: (typeof FIELDS)[number], text: string, label: string): string | undefined {
  const what = `the ${field.name} of ${label}`;
  const notHex = /[^0-9a-fA-F]/.exec(text);
  if (notHex) return `${sentence(what)} should be hex digits (0-9, a-f), but ${code(text)} has ${code(notHex[0])}.`;
  if (/[A-F]/.test(text)) return `${sentence(what)} should be lowercase hex, but ${code(text)} has upper-case letters.`;
  if (text.length !== field.length) {
    const hint = field.name === 'flags' ? ' (`01` sampled, `00` not sampled)' : '';
    return `${sentence(what)} should be ${field.length} hex digits${hint}, but it has ${text.length}: ${code(text)}.`;
  }
  if (field.name !== 'flags' && /^0+$/.test(text)) return `${sentence(what)} is all zeros, which is not a valid id.`;
  return undefined;
}

/** Parses and validates a traceparent value, naming it `label` in the problem ("the traceparent header"). */
export function parseTraceparent(input: unknown, label = 'the traceparent header'): TraceparentParse {
  const invalid = (problem: string): TraceparentParse => ({ valid: false, problem });
  if (input === undefined || input === null) return invalid(`${sentence(label)} is missing.`);
  if (typeof input !== 'string') return invalid(`${sentence(label)} should be a string, but it is ${typeName(input)} (${value(input)}).`);
  if (input === '') return invalid(`${sentence(label)} is empty.`);
  if (input.trim() !== input) return invalid(`${sentence(label)} has spaces or line breaks around it: ${value(input)}.`);
  const parts = input.split('-');
  if (parts.length !== 4) {
    return invalid(`${sentence(label)} should have 4 fields separated by \`-\` (version-traceid-parentid-flags), but it has ${parts.length}: ${value(input)}.`);
  }
  const [version, traceId, parentId, flags] = parts as [string, string, string, string];
  if (version !== '00') return invalid(`The version of ${label} should be \`00\`, but it is ${code(version)}.`);
  const fields = [traceId, parentId, flags] as const;
  for (let i = 0; i < FIELDS.length; i += 1) {
    const problem = fieldProblem(FIELDS[i]!, fields[i]!, label);
    if (problem) return invalid(problem);
  }
  return { valid: true, traceparent: { version, traceId, parentId, flags, sampled: (Number.parseInt(flags, 16) & 1) === 1 } };
}

/** A valid traceparent, with assertions about what it says. */
export class TraceparentAssert implements Traceparent {
  readonly version: string;
  readonly traceId: string;
  readonly parentId: string;
  readonly flags: string;
  readonly sampled: boolean;
  private readonly label: string;
  private readonly index: RunIndex;
  private readonly state: CheckState;

  constructor(parsed: Traceparent, label: string, index: RunIndex, state: CheckState) {
    this.version = parsed.version;
    this.traceId = parsed.traceId;
    this.parentId = parsed.parentId;
    this.flags = parsed.flags;
    this.sampled = parsed.sampled;
    this.label = label;
    this.index = index;
    this.state = state;
  }

  isSampled(): this {
    this.state.expect(this.sampled, () => `${sentence(this.label)} should say the trace is sampled (flags \`01\`), but its flags are ${code(this.flags)}.`);
    return this;
  }

  isNotSampled(): this {
    this.state.expect(!this.sampled, () => `${sentence(this.label)} should say the trace is not sampled (flags \`00\`), but its flags are ${code(this.flags)}.`);
    return this;
  }

  /** It carries the trace id and span id of a span that matches `span`: it was sent from inside that span. */
  pointsTo(span: SpanSelector): this {
    const query = toQuery(span);
    const candidates = findAll(this.index, query);
    const target = describeTarget(query);
    this.state.expect(
      candidates.some((s) => s.traceId === this.traceId && s.spanId === this.parentId),
      () => {
        if (!candidates.length) return `${sentence(this.label)} should carry ${target}, but ${noneReason(this.index, query)}.`;
        const carried = this.index.lookup(this.traceId, this.parentId);
        const found = carried
          ? `it carries span ${code(carried.name)}`
          : candidates.some((s) => s.traceId === this.traceId)
            ? `it carries span id ${shortId(this.parentId)}, which is not a recorded span of that trace`
            : `it carries trace ${shortId(this.traceId)}, and ${target} is in trace ${shortId(candidates[0]!.traceId)}`;
        return `${sentence(this.label)} should carry ${target}, but ${found}.`;
      },
    );
    return this;
  }
}
