import type { ConsoleLine } from '../../sandboxes/wire/protocol.ts';
import type { CheckState } from './check-state.ts';
import { clip, list, plural, value } from './format.ts';
import { matchesPattern } from './span-query.ts';

const MAX_LINE = 80;

/** Assertions about what the program printed (every console level, in order). */
export class OutputAssert {
  /** Each console line's text. */
  readonly lines: readonly string[];
  private readonly state: CheckState;

  constructor(console: readonly ConsoleLine[], state: CheckState) {
    this.lines = console.map((line) => line.text);
    this.state = state;
  }

  /** Everything printed, one line per console call. */
  get text(): string {
    return this.lines.join('\n');
  }

  contains(text: string): this {
    this.state.expect(this.text.includes(text), () => {
      const sameButCase = this.lines.find((line) => line.toLowerCase().includes(text.toLowerCase()));
      const hint = sameButCase !== undefined ? ` A line differs only in case: ${value(clip(sameButCase, MAX_LINE))}.` : '';
      return `The output should contain ${value(text)}, but ${this.found()}.${hint}`;
    });
    return this;
  }

  doesNotContain(text: string): this {
    const at = this.lines.findIndex((line) => line.includes(text));
    this.state.expect(at < 0 && !this.text.includes(text), () => {
      const where = at >= 0 ? `line ${at + 1} does: ${value(clip(this.lines[at]!, MAX_LINE))}` : 'it does';
      return `The output should not contain ${value(text)}, but ${where}.`;
    });
    return this;
  }

  matches(pattern: RegExp): this {
    this.state.expect(matchesPattern(this.text, pattern), () => `The output should match ${value(pattern)}, but ${this.found()}.`);
    return this;
  }

  private found(): string {
    if (!this.lines.length) return 'the program printed nothing';
    const shown = this.lines.map((line) => value(clip(line, MAX_LINE)));
    return `it was ${plural(this.lines.length, 'line')}: ${list(shown)}`;
  }
}
