/**
 * The answers of a trace-reading exercise while the learner works: spans by id, numbers, span
 * sets. Kept as answers.yaml text for grading and the draft, the same text `check:content`
 * grades; a solution that names spans by name is read back to ids for the page.
 */
import { formatAnswers, parseAnswers, type Answer, type Answers } from '../../trace-reading/answers.ts';
import type { Question, TraceReading } from '../../trace-reading/define.ts';
import { resolveSpanRef } from '../../trace-reading/span-ref.ts';

export class ReadingAnswers {
  private answers: Answers = {};
  private readonly reading: TraceReading;

  constructor(reading: TraceReading) {
    this.reading = reading;
  }

  get questions(): readonly Question[] {
    return this.reading.questions;
  }

  get(id: string): Answer | undefined {
    return this.answers[id];
  }

  set(id: string, answer: Answer | undefined): void {
    if (answer === undefined || (Array.isArray(answer) && answer.length === 0)) delete this.answers[id];
    else this.answers[id] = answer;
  }

  /** Adds a span to a span-set answer; false when it is already there. */
  add(id: string, spanId: string): boolean {
    const current = this.answers[id];
    const list = Array.isArray(current) ? current : [];
    if (list.includes(spanId)) return false;
    this.answers[id] = [...list, spanId];
    return true;
  }

  remove(id: string, spanId: string): void {
    const current = this.answers[id];
    if (Array.isArray(current)) this.set(id, current.filter((s) => s !== spanId));
  }

  toText(): string {
    return formatAnswers(this.answers, this.reading.questions);
  }

  /** Replaces the answers with answers.yaml text (a draft, the solution); spans named by name become ids. */
  load(text: string): void {
    const parsed = parseAnswers(text, this.reading.questions);
    this.answers = {};
    if (!parsed.ok) return;
    const idOf = (ref: string) => {
      const found = resolveSpanRef(this.reading.trace, ref);
      return found.ok ? found.span.spanId : ref;
    };
    for (const [id, answer] of Object.entries(parsed.answers)) {
      this.answers[id] = typeof answer === 'string' ? idOf(answer) : Array.isArray(answer) ? answer.map(idOf) : answer;
    }
  }
}
