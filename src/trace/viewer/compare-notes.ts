/**
 * How a comparison with the reference trace reads in the viewer: per span, the words of its row's
 * accessible name ("missing", "extra", "moved under ..."), the marks on the row, and a details
 * section with both timings side by side and the attribute differences.
 */
import { differs, type SpanComparison, type TraceComparison } from '../compare.ts';
import type { AttributeValue } from '../../../sandboxes/wire/span-record.ts';
import type { AnnotationMark, SpanAnnotation, SpanAnnotator } from './annotations.ts';
import { el } from './dom.ts';
import { formatDuration, formatOffset, plural } from './format.ts';
import './compare.css';

const where = (parent: string | undefined) => (parent === undefined ? 'at the top of the trace' : `under ${parent}`);

function attributeWords(row: SpanComparison): string | undefined {
  const { added, removed, changed } = row.attributes;
  const parts = [
    removed.length > 0 ? `${removed.length} missing` : '',
    added.length > 0 ? `${added.length} extra` : '',
    changed.length > 0 ? `${changed.length} different` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `attributes: ${parts.join(', ')}` : undefined;
}

/** What the comparison found for one span, in words and marks. */
function verdict(row: SpanComparison): { words: string[]; marks: AnnotationMark[] } {
  const words: string[] = [];
  const marks: AnnotationMark[] = [];
  if (row.state === 'missing') {
    words.push('missing: in the reference, not in your trace');
    marks.push({ icon: '−', word: 'missing', tone: 'missing', title: 'The reference has this span; your trace does not' });
  } else if (row.state === 'extra') {
    words.push('extra: not in the reference');
    marks.push({ icon: '+', word: 'extra', tone: 'extra', title: 'Your trace has this span; the reference does not' });
  } else if (row.state === 'moved') {
    words.push(`moved: the reference has it ${where(row.referenceParent)}`);
    marks.push({ icon: '↷', word: 'moved', tone: 'moved', title: `Under another parent: the reference has it ${where(row.referenceParent)}` });
  }
  if (row.kind) words.push(`kind ${row.kind.yours}, the reference’s ${row.kind.reference}`);
  if (row.status) words.push(`status ${row.status.yours}, the reference’s ${row.status.reference}`);
  const attributes = attributeWords(row);
  if (attributes) words.push(attributes);
  if (row.kind || row.status || attributes) {
    const what = [row.kind && 'kind', row.status && 'status', attributes && 'attributes'].filter(Boolean).join(', ');
    marks.push({ icon: '≠', word: 'differs', tone: 'changed', title: `Differs from the reference: ${what}` });
  }
  // No mark: a row without one is as in the reference, and a mark on every row would drown the others.
  if (row.state === 'matched' && words.length === 0) words.push('as in the reference');
  return { words, marks };
}

/** The words (for the row's accessible name) and marks of one span's comparison. */
export function comparisonWords(row: SpanComparison): { words: string; marks: AnnotationMark[] } {
  const { words, marks } = verdict(row);
  // The row already says the learner's duration: the reference's beside it, for a screen reader too.
  if (row.yours && row.referenceMs !== undefined) words.push(`the reference took ${formatDuration(row.referenceMs)}`);
  return { words: words.join(', '), marks };
}

const ms = (value: number | undefined, never: string) => (value === undefined ? never : formatDuration(value));
const offset = (value: number | undefined) => (value === undefined ? '—' : formatOffset(value));
const valueText = (value: AttributeValue) => (typeof value === 'string' ? value : JSON.stringify(value));

/** Both timings side by side, then what differs. */
function detailsSection(row: SpanComparison, headingLevel: number): HTMLElement {
  const tag = `h${Math.min(Math.max(headingLevel, 2), 6)}` as 'h3';
  const yoursNever = row.yours ? 'never ended' : 'not in your trace';
  const refNever = row.reference ? 'never ended' : 'not in the reference';
  const cell = (text: string) => el('td', { text });
  const table = el('table', { className: 'tv-compare-table' }, [
    el('thead', {}, [el('tr', {}, [el('td'), el('th', { text: 'Yours', attrs: { scope: 'col' } }), el('th', { text: 'Reference', attrs: { scope: 'col' } })])]),
    el('tbody', {}, [
      el('tr', {}, [el('th', { text: 'Duration', attrs: { scope: 'row' } }), cell(ms(row.yoursMs, yoursNever)), cell(ms(row.referenceMs, refNever))]),
      el('tr', {}, [el('th', { text: 'Starts', attrs: { scope: 'row' } }), cell(offset(row.yoursStartMs)), cell(offset(row.referenceStartMs))]),
      ...(row.kind ? [el('tr', {}, [el('th', { text: 'Kind', attrs: { scope: 'row' } }), cell(row.kind.yours), cell(row.kind.reference)])] : []),
      ...(row.status ? [el('tr', {}, [el('th', { text: 'Status', attrs: { scope: 'row' } }), cell(row.status.yours), cell(row.status.reference)])] : []),
      ...row.attributes.changed.map((c) => el('tr', {}, [el('th', { attrs: { scope: 'row' } }, [el('code', { text: c.key })]), cell(valueText(c.yours)), cell(valueText(c.reference))])),
    ]),
  ]);
  const words = verdict(row).words.join(', ');
  const parts: HTMLElement[] = [el(tag, { className: 'tv-details__section-title', text: 'Compared with the reference' }), el('p', { className: 'tv-compare-verdict', text: sentence(words) }), table];
  const keys = (title: string, list: string[]) => {
    if (list.length > 0) parts.push(el('p', { text: `${title}: ` }, list.flatMap((key, i) => [...(i > 0 ? [', '] : []), el('code', { text: key })])));
  };
  keys('Attributes only the reference has', row.attributes.removed);
  keys('Attributes only yours has', row.attributes.added);
  return el('section', { className: 'tv-compare', attrs: { 'aria-label': 'Compared with the reference' } }, parts);
}

const sentence = (words: string) => `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;

/**
 * What is true of a span only the reference has: its record in the comparison is the
 * reference's, moved onto the learner's timeline under made-up ids, so only the reference's own
 * facts are shown (its start and duration are in the details section's table). Undefined for
 * the learner's spans.
 */
export function absentFacts(row: SpanComparison): { facts: Array<[string, string]> } | undefined {
  const reference = row.reference;
  if (row.state !== 'missing' || !reference) return undefined;
  const status = `${reference.status.code}${reference.status.message ? `: ${reference.status.message}` : ''}`;
  return {
    facts: [
      ['In your trace', 'no: only the reference has this span'],
      ['Kind', reference.kind],
      ['Status', status],
    ],
  };
}

/**
 * The reference's timing of a span both traces have, for a second bar under the learner's: it
 * starts where the reference's starts within its parent (`referenceShiftMs`). Undefined when a
 * side never ended the span.
 */
export function referenceTiming(row: SpanComparison): { offsetMs: number; durationMs: number } | undefined {
  if (!row.yours || row.yoursMs === undefined || row.referenceMs === undefined || row.referenceShiftMs === undefined) return undefined;
  return { offsetMs: row.referenceShiftMs, durationMs: row.referenceMs };
}

/** The viewer's annotator for a comparison (annotations made once per span, on first use). */
export function comparisonAnnotator(comparison: TraceComparison): SpanAnnotator {
  const made = new Map<string, SpanAnnotation>();
  return (record) => {
    const row = comparison.bySpanId.get(record.spanId);
    if (!row) return undefined;
    let note = made.get(record.spanId);
    if (!note) {
      note = { ...comparisonWords(row), rowState: differs(row) && row.state === 'matched' ? 'changed' : row.state, details: (level) => detailsSection(row, level) };
      const absent = absentFacts(row);
      if (absent) note.absent = absent;
      const other = referenceTiming(row);
      if (other) note.otherTiming = other;
      made.set(record.spanId, note);
    }
    return note;
  };
}

/** What the marks mean, for a line beside the summary (the rows' accessible names say it in words). */
export function comparisonLegend(): HTMLElement {
  const items: Array<[string, AnnotationMark['tone'], string]> = [
    ['−', 'missing', 'missing: only the reference has it (dashed)'],
    ['↷', 'moved', 'moved: under another parent'],
    ['+', 'extra', 'extra: only yours has it'],
    ['≠', 'changed', 'differs: kind, status or attributes'],
  ];
  return el('ul', { className: 'tv-compare-legend', attrs: { 'aria-label': 'Comparison marks' } }, [
    ...items.map(([icon, tone, text]) => el('li', {}, [el('span', { className: `tv-badge tv-badge--${tone}`, text: icon, attrs: { 'aria-hidden': 'true' } }), ` ${text}`])),
    el('li', {}, [el('span', { className: 'tv-compare-legend__reference', attrs: { 'aria-hidden': 'true' } }), ' thin line under a bar: the reference’s timing (its start within the parent, its duration), fading out where it runs past the axis']),
  ]);
}

/** One line above the tree: how the whole trace compares. */
export function comparisonSummary(comparison: TraceComparison): string {
  const { matched, missing, extra, moved, differ } = comparison.counts;
  const same = [...comparison.bySpanId.values()].filter((row) => row.state === 'matched' && !differs(row)).length;
  if (missing + extra + moved + differ === 0) return `Every span is as in the reference (${plural(matched, 'span')}).`;
  const parts = [
    missing > 0 ? `${missing} missing` : '',
    moved > 0 ? `${moved} under another parent` : '',
    extra > 0 ? `${extra} extra` : '',
    differ > 0 ? `${plural(differ, 'span')} that ${differ === 1 ? 'differs' : 'differ'} in kind, status or attributes` : '',
  ].filter(Boolean);
  return `Compared with the reference: ${parts.join(', ')}; ${same > 0 ? `${plural(same, 'span')} as in the reference` : 'no span as in the reference'}.`;
}
