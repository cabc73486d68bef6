/**
 * The questions of a trace-reading exercise and the learner's answers: each answer is shown as
 * text (never only as a highlight in the viewer), and every control is a labelled button or
 * input, so the exercise works from the keyboard and with a screen reader: move to a span in
 * the span tree, press Enter to select it, then Tab to "Use selected span".
 */
import { durationMs, type SpanRecord } from '../../../sandboxes/wire/span-record.ts';
import type { Question } from '../../trace-reading/define.ts';
import { formatDuration } from '../../trace/viewer/format.ts';
import type { ReadingAnswers } from './reading-answers.ts';
import { withInlineCode } from './render.ts';

export interface QuestionsView {
  /** Shows the answers as they are now (after Reset, Show solution, a draft). */
  render(): void;
  /** The span selected in the viewer, which the buttons answer with. */
  setSelected(span: SpanRecord | undefined): void;
}

interface Callbacks {
  /** The answers changed (save the draft). */
  onChange(): void;
  /** Select this span in the viewer. */
  onShow(spanId: string): void;
}

function make<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, children: Array<Node | string> = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.append(...children);
  return node;
}

function actionButton(text: string, hidden: string, className = 'button button--small'): HTMLButtonElement {
  const node = make('button', className, [text, make('span', 'visually-hidden', [hidden])]);
  node.type = 'button';
  return node;
}

/** `charge payment` (checkout, 380 ms), as text with the name as code. */
export function spanLabel(span: SpanRecord): Node[] {
  const service = String(span.resource['service.name'] ?? 'unknown service');
  return withInlineCode(`\`${span.name}\` (${service}, ${formatDuration(durationMs(span) ?? 0)})`);
}

export function mountQuestions(list: HTMLOListElement, selectedLine: HTMLElement, answers: ReadingAnswers, trace: readonly SpanRecord[], callbacks: Callbacks): QuestionsView {
  const byId = new Map(trace.map((s) => [s.spanId, s]));
  let selected: SpanRecord | undefined;
  const renderers: Array<() => void> = [];
  const changed = () => {
    for (const render of renderers) render();
    callbacks.onChange();
  };
  /** The answer line says what went wrong with a button press too: it is the one live region of the question. */
  const needSelection = (line: HTMLElement) => {
    line.replaceChildren('Select a span in the trace first: click it, or move to it with the arrow keys and press Enter.');
  };

  const spanControls = (q: Question, n: number, item: HTMLLIElement) => {
    const line = make('p', 'reading-q__answer');
    line.setAttribute('aria-live', 'polite');
    const use = actionButton('Use selected span', ` for question ${n}`, 'button button--small button--primary');
    const clear = actionButton('Clear', ` the answer to question ${n}`);
    item.append(line, make('div', 'reading-q__actions', [use, clear]));
    use.addEventListener('click', () => {
      if (!selected) return needSelection(line);
      answers.set(q.id, selected.spanId);
      changed();
    });
    clear.addEventListener('click', () => {
      answers.set(q.id, undefined);
      changed();
    });
    renderers.push(() => {
      const answer = answers.get(q.id);
      const span = typeof answer === 'string' ? byId.get(answer) : undefined;
      clear.disabled = span === undefined;
      if (!span) return line.replaceChildren('Your answer: none yet.');
      const show = actionButton('Show in trace', `: ${span.name}`, 'button button--link');
      show.addEventListener('click', () => callbacks.onShow(span.spanId));
      line.replaceChildren('Your answer: ', ...spanLabel(span), ' ', show);
    });
  };

  const numberControls = (q: Question, n: number, item: HTMLLIElement) => {
    const input = make('input', 'reading-q__number');
    input.type = 'number';
    input.step = 'any';
    input.inputMode = 'decimal';
    input.id = `${list.id}-q${n}`;
    const label = make('label', 'reading-q__label', [`Your answer to question ${n}, in ms`]);
    label.htmlFor = input.id;
    item.append(make('p', 'reading-q__field', [label, ' ', input]));
    input.addEventListener('input', () => {
      const value = input.value.trim() === '' ? undefined : Number(input.value);
      answers.set(q.id, value === undefined || Number.isNaN(value) ? undefined : value);
      callbacks.onChange();
    });
    renderers.push(() => {
      const answer = answers.get(q.id);
      const text = typeof answer === 'number' ? String(answer) : '';
      if (input.value !== text && !(document.activeElement === input && Number(input.value) === answer)) input.value = text;
    });
  };

  const setControls = (q: Question, n: number, item: HTMLLIElement) => {
    const line = make('p', 'reading-q__answer');
    line.setAttribute('aria-live', 'polite');
    const chosen = make('ul', 'reading-q__spans');
    chosen.setAttribute('aria-label', `Your spans for question ${n}`);
    const add = actionButton('Add selected span', ` to question ${n}`, 'button button--small button--primary');
    const clear = actionButton('Clear', ` the spans of question ${n}`);
    item.append(line, chosen, make('div', 'reading-q__actions', [add, clear]));
    add.addEventListener('click', () => {
      if (!selected) return needSelection(line);
      if (!answers.add(q.id, selected.spanId)) return line.replaceChildren(...spanLabel(selected), ' is already in your answer.');
      changed();
      line.replaceChildren('Added ', ...spanLabel(selected), `: ${(answers.get(q.id) as string[]).length} spans in your answer.`);
    });
    clear.addEventListener('click', () => {
      answers.set(q.id, undefined);
      changed();
    });
    renderers.push(() => {
      const ids = (answers.get(q.id) as string[] | undefined) ?? [];
      clear.disabled = ids.length === 0;
      if (ids.length === 0) line.replaceChildren('Your answer: no spans yet.');
      chosen.hidden = ids.length === 0;
      chosen.replaceChildren(
        ...ids.map((id) => {
          const span = byId.get(id);
          const remove = actionButton('Remove', `: ${span?.name ?? id}`, 'button button--link');
          remove.addEventListener('click', () => {
            answers.remove(q.id, id);
            changed();
            line.replaceChildren(`Removed. ${(answers.get(q.id) as string[] | undefined)?.length ?? 0} spans in your answer.`);
          });
          return make('li', '', [...(span ? spanLabel(span) : [id]), ' ', remove]);
        }),
      );
    });
  };

  list.replaceChildren(
    ...answers.questions.map((q, i) => {
      const item = make('li', `reading-q reading-q--${q.answer}`);
      item.dataset.question = q.id;
      item.append(make('p', 'reading-q__ask', [make('strong', '', [`Question ${i + 1}. `]), ...withInlineCode(q.ask)]));
      (q.answer === 'span' ? spanControls : q.answer === 'number' ? numberControls : setControls)(q, i + 1, item);
      return item;
    }),
  );
  const view: QuestionsView = {
    render: () => {
      for (const render of renderers) render();
    },
    setSelected(span) {
      selected = span;
      selectedLine.replaceChildren(...(span ? ['Selected in the trace: ', ...spanLabel(span)] : ['No span selected: click one in the trace, or move to it with the arrow keys and press Enter.']));
    },
  };
  view.setSelected(undefined);
  view.render();
  return view;
}
