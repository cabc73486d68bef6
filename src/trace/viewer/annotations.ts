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
}

export type SpanAnnotator = (record: SpanRecord) => SpanAnnotation | undefined;
