import type { CheckResults } from '../../checks/index.ts';
import type { RunResult } from '../../runtime/runtime.ts';

/** What a summary needs to know of a run. */
export type RunFacts = Pick<RunResult, 'spans' | 'errors'>;

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * One line that says how a Run went, for the place beside Run and for screen readers:
 * "2 of 5 checks passed · 4 spans · 1 error".
 */
export function runSummaryText(results: CheckResults, run: RunFacts): string {
  const parts = [checksSummaryText(results), plural(run.spans.length, 'span')];
  if (run.errors.length) parts.push(plural(run.errors.length, 'error'));
  return parts.join(' · ');
}

/** "2 of 5 checks passed", for what is checked without a run. */
export function checksSummaryText(results: CheckResults): string {
  const total = results.tests.length;
  const passed = results.tests.filter((t) => t.status === 'pass').length;
  return total === 0 ? 'The checks could not run' : passed === total ? `All ${plural(total, 'check')} passed` : `${passed} of ${plural(total, 'check')} passed`;
}

export type SummaryState = 'running' | 'pass' | 'fail' | 'error';

/**
 * The summary beside Run. It is a polite live region: focus stays in the editor on
 * Ctrl+Enter, so the result has to be announced, not just shown. The region is in the page
 * from the start (empty), as screen readers announce changes only to regions they already know.
 */
export class RunSummary {
  private readonly element: HTMLElement;

  constructor(element: HTMLElement) {
    this.element = element;
  }

  private set(state: SummaryState, text: string): void {
    this.element.dataset.state = state;
    this.element.textContent = text;
  }

  running(): void {
    this.set('running', 'Running…');
  }

  /** What a Run in flight waits for ("Loading the TypeScript compiler…"). */
  progress(text: string): void {
    this.set('running', text);
  }

  /** `restored`: the last run of an earlier visit, shown as such. */
  show(results: CheckResults, run: RunFacts, restored = false): void {
    this.set(results.status, `${restored ? 'Last run: ' : ''}${runSummaryText(results, run)}`);
  }

  /** Answers checked, nothing run: no spans or errors to count. `restored` as for `show`. */
  showChecks(results: CheckResults, restored = false): void {
    this.set(results.status, `${restored ? 'Last check: ' : ''}${checksSummaryText(results)}`);
  }

  failed(message: string): void {
    this.set('error', message);
  }
}
