import type { CheckResults } from '../../checks/index.ts';
import { describeRunError } from '../../runtime/run-session.ts';
import type { RunError } from '../../../sandboxes/wire/protocol.ts';
import type { RunResult } from '../../runtime/runtime.ts';

/** Text with `code` spans, as check titles and messages write names; built as text nodes, never HTML. */
export function withInlineCode(text: string): Node[] {
  return text.split(/(`[^`\n]+`)/).filter(Boolean).map((part) => {
    if (!/^`[^`]+`$/.test(part)) return document.createTextNode(part);
    const code = document.createElement('code');
    code.textContent = part.slice(1, -1);
    return code;
  });
}

/** The `Checks` list: every item says passed or failed (never by colour alone), with the message. */
export function renderChecks(list: HTMLOListElement, summary: HTMLElement, results: CheckResults): void {
  const items = results.tests.map((test) => {
    const item = document.createElement('li');
    item.className = `checks__item checks__item--${test.status}`;
    const status = document.createElement('span');
    status.className = 'checks__status';
    status.textContent = test.status === 'pass' ? 'passed' : test.status === 'fail' ? 'failed' : 'could not be checked';
    const name = document.createElement('span');
    name.className = 'checks__name';
    name.append(...withInlineCode(test.name));
    item.append(status, ': ', name);
    if (test.message) {
      const message = document.createElement('p');
      message.className = 'checks__message';
      message.append(...withInlineCode(test.message));
      item.append(message);
    }
    return item;
  });
  if (results.message) {
    const item = document.createElement('li');
    item.className = `checks__item checks__item--${results.status === 'error' ? 'error' : 'fail'}`;
    item.append(...withInlineCode(results.message));
    items.unshift(item);
  }
  list.replaceChildren(...items);
  const passed = results.tests.filter((t) => t.status === 'pass').length;
  summary.textContent = `${passed} of ${results.tests.length} passed`;
}

/** The `Output` region: console lines, then errors with the learner's file and line. */
export function renderOutput(list: HTMLOListElement, empty: HTMLElement, run: Pick<RunResult, 'console' | 'errors'>): void {
  const lines = [
    ...run.console.map((l) => ({ text: l.text, kind: l.level })),
    ...run.errors.map((e) => ({ text: describeRunError(e), kind: 'error' })),
  ];
  list.replaceChildren(
    ...lines.map(({ text, kind }) => {
      const item = document.createElement('li');
      item.className = `output__line output__line--${kind}`;
      item.textContent = text;
      return item;
    }),
  );
  empty.hidden = lines.length > 0;
  empty.textContent = 'The program printed nothing.';
}

/** The `Output` region of a Collector exercise: the configuration's errors and warnings, by line. */
export function renderConfigProblems(list: HTMLOListElement, empty: HTMLElement, problems: RunError[]): void {
  list.replaceChildren(
    ...problems.map((problem) => {
      const item = document.createElement('li');
      item.className = `output__line output__line--${problem.name === 'Warning' ? 'warn' : 'error'}`;
      item.append(...withInlineCode(describeRunError(problem)));
      return item;
    }),
  );
  empty.hidden = problems.length > 0;
  empty.textContent = 'The Collector reads this configuration without a problem.';
}
