/**
 * What a page can add to the viewer's rows and details about each span, beyond the span itself:
 * how it compares with a reference trace, for one. The viewer asks for a span's annotation when
 * it draws the span's row or details; words go into the row's accessible name, marks are drawn.
 */
import type { SpanRecord } from '../../../sandboxes/wire/span-record.ts';

export type AnnotationTone = 'missing' | 'extra' | 'moved' | 'changed';

export interface AnnotationMark {
  icon: string;
  word: string;
  tone: AnnotationTone;
  /** The mark's tooltip: what it means in a sentence. */
  title: string;
}

export interface SpanAnnotation {
  /** Said in the row's accessible name after the span's own facts, e.g. "missing: in the reference, not in your trace". */
  words: string;
  /** Drawn on the row after its name (hidden from assistive technology: `words` says them). */
  marks: AnnotationMark[];
  /** Styles the whole row (`data-annotation` on it), e.g. a span that only the reference has. */
  rowState?: string;
  /** A section for the details panel; `headingLevel` is that of its title. */
  details?(headingLevel: number): HTMLElement;
  /**
   * Set when the record is not one of the trace's own spans but drawn among them for comparison
   * (a span only the reference has): its ids and place are made up, so the details show only
   * `facts` (term, value) and its attributes, without ids or copy buttons, and the critical path
   * leaves it out.
   */
  absent?: { facts: Array<[string, string]> };
  /**
   * Another timing of the same span (the reference's), drawn as a thin second bar under the
   * row's own: its start relative to the span's own start, and its duration (ms).
   */
  otherTiming?: { offsetMs: number; durationMs: number };
}

export type SpanAnnotator = (record: SpanRecord) => SpanAnnotation | undefined;
