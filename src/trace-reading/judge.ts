/**
 * Whether one answer is right, and if not, why not, in terms of what the learner can see in
 * the viewer: durations, self time, children, errors, the critical path. A message never gives
 * the expected span or number away; it says what is wrong with the answer given.
 */
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import type { SpanNode } from '../trace/model.ts';
import type { Mistake, NumberQuestion, SpanQuestion, SpanSetQuestion } from './define.ts';
import { resolveSpanRef } from './span-ref.ts';
import type { TraceFacts } from './trace-facts.ts';

/** `12 ms`, `12.5 ms`, `0.25 ms`: at most two decimals, none when whole. */
export function ms(value: number): string {
  return `${Number(value.toFixed(value < 1 ? 2 : 1))} ms`;
}

/** `charge card` (payments): spans of a big trace share names, so the service is part of the label. */
export function label(node: SpanNode): string {
  return `\`${node.record.name}\` (${node.service})`;
}

function nodeFor(f: TraceFacts, trace: readonly SpanRecord[], ref: string): SpanNode | string {
  const found = resolveSpanRef(trace, ref);
  return found.ok ? f.nodeOf(found.span.spanId) : `The answer names ${found.message.replace(/^no span/, 'no span that is')}`;
}

function mistakeFor(mistakes: readonly Mistake[] | undefined, matches: (answer: Mistake['answer']) => boolean): string | undefined {
  return mistakes?.find((m) => matches(m.answer))?.message;
}

const sameSpan = (trace: readonly SpanRecord[], ref: unknown, node: SpanNode) => {
  if (typeof ref !== 'string') return false;
  const found = resolveSpanRef(trace, ref);
  return found.ok && found.span.spanId === node.record.spanId;
};

function whyNotBottleneck(f: TraceFacts, node: SpanNode): string {
  const total = node.endMs - node.startMs;
  const children = f.childrenMs(node);
  const self = f.selfMs(node);
  if (children >= total / 2) {
    return `${label(node)} is not the bottleneck: its children account for ${ms(children)} of its ${ms(total)}, so it spends most of its time waiting for them. Look at self time: its own is ${ms(self)}.`;
  }
  return `${label(node)} is not the bottleneck: its self time is ${ms(self)}, and another span spends longer in its own work. Compare self times, not positions in the tree.`;
}

function whyNotErrorOrigin(node: SpanNode): string {
  if (!node.isError) return `${label(node)} is not an error: its status is ${node.status}. Follow the spans marked as errors.`;
  const errorChild = node.children.find((c) => c.isError);
  if (errorChild) return `${label(node)} is an error, but so is its child ${label(errorChild)}: the error came up from below. Follow the errors down to the deepest one.`;
  return `${label(node)} failed, but the error the request failed with did not come from it: start at the topmost error and follow the errors down.`;
}

function whyNotLargestGap(f: TraceFacts, node: SpanNode): string {
  const gaps = f.gapsOf(node);
  if (gaps.length === 0) return `${label(node)} has no gap: ${node.children.length === 0 ? 'it has no children, so all of its time is its own work' : 'its children run through all of it'}. A gap is time inside a span when none of its children runs.`;
  const widest = gaps.reduce((a, b) => (b.ms > a.ms ? b : a));
  return `The widest gap in ${label(node)} is ${ms(widest.ms)}; another span has a wider one. Look for the longest stretch inside a span where none of its children runs, also after its last child.`;
}

export function judgeSpan(f: TraceFacts, trace: readonly SpanRecord[], question: SpanQuestion, answer: string): string | undefined {
  const node = nodeFor(f, trace, answer);
  if (typeof node === 'string') return node;
  const expect = question.expect;
  const expected = 'span' in expect ? nodeFor(f, trace, expect.span) : expect.rule === 'bottleneck' ? f.bottleneck() : expect.rule === 'error-origin' ? f.errorOrigin() : f.largestGap()?.span;
  if (expected === undefined || typeof expected === 'string') throw new Error(`the trace has no answer for \`${'rule' in expect ? expect.rule : expect.span}\``);
  if (expected === node) return undefined;
  const mistake = mistakeFor(question.mistakes, (a) => sameSpan(trace, a, node));
  if (mistake) return mistake;
  if ('span' in expect) return `You selected ${label(node)}; that is not the span this question asks for.${expect.why ? ` ${expect.why}` : ''}`;
  if (expect.rule === 'bottleneck') return whyNotBottleneck(f, node);
  if (expect.rule === 'error-origin') return whyNotErrorOrigin(node);
  return whyNotLargestGap(f, node);
}

function expectedNumber(f: TraceFacts, trace: readonly SpanRecord[], question: NumberQuestion): { value: number; of?: SpanNode } {
  const e = question.expect;
  if ('value' in e) return { value: e.value };
  if ('rule' in e) {
    const gap = f.largestGap();
    if (!gap) throw new Error('the trace has no gap');
    return { value: gap.ms, of: gap.span };
  }
  const node = nodeFor(f, trace, 'selfTimeOf' in e ? e.selfTimeOf : e.durationOf);
  if (typeof node === 'string') throw new Error(node);
  return { value: 'selfTimeOf' in e ? f.selfMs(node) : node.endMs - node.startMs, of: node };
}

export function judgeNumber(f: TraceFacts, trace: readonly SpanRecord[], question: NumberQuestion, answer: number): string | undefined {
  const tolerance = question.tolerance ?? 1;
  const near = (a: number, b: number) => Math.abs(a - b) <= tolerance + 1e-9;
  const { value, of } = expectedNumber(f, trace, question);
  if (near(answer, value)) return undefined;
  const mistake = mistakeFor(question.mistakes, (a) => typeof a === 'number' && near(a, answer));
  if (mistake) return mistake;
  const e = question.expect;
  const within = `${ms(answer)} is not within ${ms(tolerance)} of the answer.`;
  if ('selfTimeOf' in e && of) {
    if (near(answer, of.endMs - of.startMs)) return `${ms(answer)} is the whole duration of ${label(of)}. Self time is its duration minus the time its children cover.`;
    if (near(answer, f.childrenMs(of))) return `${ms(answer)} is the time the children of ${label(of)} cover. Self time is what is left of its duration.`;
    return `${within} Self time is the duration of ${label(of)} minus the time its children cover: read both in the span's details.`;
  }
  if ('rule' in e) {
    const other = f.trace.items.flatMap((i) => (i.kind === 'span' ? f.gapsOf(i) : [])).find((g) => near(g.ms, answer));
    if (other) return `There is a ${ms(other.ms)} gap in ${label(other.span)}, but a wider one elsewhere. A gap is time inside a span when none of its children runs, also before the first child and after the last.`;
    return `${within} A gap is time inside a span when none of its children runs; the largest one is longer, or shorter, than that.`;
  }
  if ('durationOf' in e && of) return `${within} Read the duration of ${label(of)} in its row or in its details.`;
  return 'why' in e && e.why ? `${within} ${e.why}` : within;
}

function whyNotOnPath(node: SpanNode, path: Set<SpanNode>): string {
  const parent = node.parent;
  if (parent && !path.has(parent) && !path.has(node)) {
    const ancestorsOnPath = (n: SpanNode | undefined): boolean => n !== undefined && (path.has(n) || ancestorsOnPath(n.parent));
    if (!ancestorsOnPath(parent)) return `${label(node)}: its parent ${label(parent)} is not on the path either.`;
  }
  const later = parent?.children.find((c) => c !== node && path.has(c) && c.startMs < node.endMs && c.endMs > node.endMs);
  if (later) return `${label(node)}: it runs beside ${label(later)}, which ends later, so nothing waits for it to end.`;
  return `${label(node)}: nothing waits for it to end.`;
}

export function judgeSpanSet(f: TraceFacts, trace: readonly SpanRecord[], question: SpanSetQuestion, answer: readonly string[]): string | undefined {
  const chosen = new Set<SpanNode>();
  for (const ref of answer) {
    const node = nodeFor(f, trace, ref);
    if (typeof node === 'string') return node;
    chosen.add(node);
  }
  const e = question.expect;
  const expected = 'rule' in e ? f.criticalPath() : new Set(e.spans.map((ref) => nodeFor(f, trace, ref) as SpanNode));
  const missing = [...expected].filter((n) => !chosen.has(n));
  const extra = [...chosen].filter((n) => !expected.has(n));
  if (missing.length === 0 && extra.length === 0) return undefined;
  const sameSet = (a: Mistake['answer']) => Array.isArray(a) && a.length === chosen.size && a.every((ref) => [...chosen].some((n) => sameSpan(trace, ref, n)));
  const mistake = mistakeFor(question.mistakes, sameSet);
  if (mistake) return mistake;
  const right = chosen.size - extra.length;
  const parts = [`${right} of your ${chosen.size} ${chosen.size === 1 ? 'span is' : 'spans are'} right${missing.length > 0 ? `, and ${missing.length} ${missing.length === 1 ? 'span is' : 'spans are'} missing` : ''}.`];
  if ('rule' in e) {
    for (const node of extra.slice(0, 3)) parts.push(`Not on the critical path: ${whyNotOnPath(node, expected)}`);
    if (missing.length > 0) parts.push('The critical path is the chain the request waits for: from the root, the child that ends last, then inside it its child that ends last, and so on; a span with time of its own on that chain is on it.');
  } else if (e.why) parts.push(e.why);
  return parts.join(' ');
}
