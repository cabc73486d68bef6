/**
 * A trace-reading exercise on the page: the exercise's trace in the span viewer, its questions,
 * and Check, Reset, Hint and Show solution as on every exercise. Nothing runs: Check grades the
 * answers (answers.yaml text, also the draft) with the same engine `check:content` uses.
 */
import type { ProgressStore } from '../../progress/store.ts';
import type { ExerciseSource } from '../request.ts';
import { mountHints } from './hints.ts';
import { gradeReading, loadReading } from './reading-grade.ts';
import { lastRuns } from './last-run.ts';
import { ReadingAnswers } from './reading-answers.ts';
import { mountQuestions } from './reading-questions.ts';
import { renderChecks } from './render.ts';
import { revealResults } from './reveal.ts';
import { RunSummary } from './run-summary.ts';

const NOTHING_RUN = { spans: [], unfinished: [], console: [], errors: [] };

export interface ReadingPage {
  progress: ProgressStore;
  say(text: string | undefined): void;
  showProgress(): void;
}

export function mountReadingExercise(root: HTMLElement, source: ExerciseSource, hintsHtml: string[], page: ReadingPage): void {
  const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const { progress } = page;
  mountHints($<HTMLOListElement>('[data-hints]'), $<HTMLButtonElement>('[data-hint]'), hintsHtml, progress, source.id);
  const checkButton = $<HTMLButtonElement>('[data-run]');
  const checksList = $<HTMLOListElement>('[data-checks]');
  const summary = $('[data-checks-summary]');
  const runSummary = new RunSummary($('[data-run-summary]'));
  const viewerHost = $('[data-viewer]');
  checkButton.disabled = true;
  // The last Check of an earlier visit, as it was left (a Check runs nothing: no trace or output).
  const lastCheck = lastRuns().load(source.id, progress.exercise(source.id).status);
  if (lastCheck) {
    renderChecks(checksList, summary, lastCheck.results);
    runSummary.showChecks(lastCheck.results, true);
  }

  void loadReading(source).then(async (reading) => {
    const { mountTraceViewer } = await import('../../trace/viewer/trace-viewer.ts');
    const answers = new ReadingAnswers(reading);
    const draft = progress.draft(source.id);
    answers.load(draft?.code ?? source.starter);
    const save = () => {
      const result = progress.saveDraft(source.id, { code: answers.toText(), savedAt: Date.now() });
      page.say(result.ok ? undefined : result.error);
    };
    viewerHost.replaceChildren();
    let questions: ReturnType<typeof mountQuestions> | undefined;
    const viewer = mountTraceViewer(viewerHost, {
      spans: reading.trace,
      linkToSpans: false,
      maxTreeHeight: 440,
      headingLevel: 4,
      markBottleneck: false,
      onSelect: (span) => questions?.setSelected(span),
    });
    questions = mountQuestions($<HTMLOListElement>('[data-questions]'), $('[data-selected-span]'), answers, reading.trace, {
      onChange: save,
      onShow: (spanId) => viewer.select(spanId),
    });
    const check = async () => {
      save();
      const { results } = await gradeReading(source, answers.toText());
      renderChecks(checksList, summary, results);
      runSummary.showChecks(results);
      revealResults($('.exercise__toolbar'), $('.exercise__checks'));
      const recorded = progress.recordResult(source.id, results.status);
      if (recorded.ok) lastRuns().save(source.id, results, NOTHING_RUN);
      else page.say(recorded.error);
      page.showProgress();
    };
    checkButton.addEventListener('click', () => void check());
    checkButton.disabled = false;
    root.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void check();
      }
    });
    mountAnswerButtons(root, source, answers, () => {
      questions?.render();
      save();
    });
  }).catch((error: unknown) => {
    viewerHost.replaceChildren(`The trace could not be loaded: ${(error as Error).message}`);
    page.say(`This exercise could not be loaded: ${(error as Error).message}`);
  });
}

/**
 * Reset empties the answers; Show solution asks first. Either way the learner's answers stay one
 * click away ("Restore my answers").
 */
function mountAnswerButtons(root: HTMLElement, source: ExerciseSource, answers: ReadingAnswers, changed: () => void): void {
  const restore = root.querySelector<HTMLButtonElement>('[data-restore]')!;
  let before: string | undefined;
  const replace = (text: string) => {
    before = answers.toText();
    answers.load(text);
    changed();
    restore.hidden = false;
  };
  root.querySelector('[data-reset]')!.addEventListener('click', () => replace(source.starter));
  root.querySelector('[data-solution]')!.addEventListener('click', () => {
    if (window.confirm('Replace your answers with the reference answers? Yours are kept: "Restore my answers" brings them back.')) replace(source.solution);
  });
  restore.addEventListener('click', () => {
    if (before !== undefined) answers.load(before);
    changed();
    restore.hidden = true;
  });
}
