import { createCodeEditor, type CodeEditor } from '../../editor/code-editor.ts';
import { browserStorage, DRAFT_PREFIX, memoryStorage, ProgressStore } from '../../progress/store.ts';
import type { RunSession } from '../../runtime/run-session.ts';
import type { RunEvent } from '../../runtime/runtime.ts';
import processTypes from '../../../sandboxes/types/process.d.ts?raw';
import sandboxTypes from '../../../sandboxes/types/course-sandbox.d.ts?raw';
import type { ExerciseSource } from '../request.ts';
import { gradeCollectorConfig } from './collector-grade.ts';
import { mountHints } from './hints.ts';
import { mountReadingExercise } from './reading-mount.ts';
import { checkLoaderOf, checksOf } from './check-loaders.ts';
import { gradeAny, type Graded } from './grade-any.ts';
import { gradeReading } from './reading-grade.ts';
import { lastRuns } from './last-run.ts';
import { bindRuntimeChoice, exerciseRunSession } from './page-runtime.ts';
import { renderChecks, renderConfigProblems, renderOutput } from './render.ts';
import { revealResults } from './reveal.ts';
import { RunSummary } from './run-summary.ts';
import { sendRunToBackend } from '../../trace/send/send-run.ts';
import { mountShareButton, openSharedCode } from './share-link.ts';
import { mountSolutionButtons } from './solution.ts';
import { tracePanel } from './trace-panel.ts';

export type { GradedRun } from '../grade-run.ts';

interface ExercisePayload {
  source: ExerciseSource;
  hintsHtml: string[];
}

declare global {
  interface Window {
    /** Grades code for an exercise on this page, for end-to-end tests and `check:content`. */
    courseExercises?: Record<string, { grade(code: string): Promise<Graded> }>;
  }
}

let store: ProgressStore | undefined;
let storageNotice: string | undefined;

/** One progress store per page, shared by its exercises. */
function progressStore(): ProgressStore {
  if (!store) {
    const { storage, error } = browserStorage();
    storageNotice = error;
    store = new ProgressStore(storage ?? memoryStorage());
  }
  return store;
}

/** The parts of an exercise's markup that a Run updates. */
interface ExerciseView {
  say(text: string | undefined): void;
  showProgress(): void;
  runButton: HTMLButtonElement;
  checksList: HTMLOListElement;
  summary: HTMLElement;
  outputLines: HTMLOListElement;
  outputEmpty: HTMLElement;
  trace: ReturnType<typeof tracePanel>;
  /** What became of sending the spans to the learner's own backend, when that is on. */
  sendStatus: HTMLElement;
  /** The one-line result beside Run, a live region. */
  runSummary: RunSummary;
  /** Brings Run, its summary and the checks into view after a Run. */
  reveal(): void;
}

/** Check, for a Collector configuration: nothing runs; its problems are marked at their lines. */
async function checkConfig(source: ExerciseSource, editor: CodeEditor, view: ExerciseView): Promise<void> {
  editor.saveDraft();
  try {
    const { results, errors } = await gradeCollectorConfig(source, editor.getValue(), checkLoaderOf(source.id));
    renderChecks(view.checksList, view.summary, results);
    renderConfigProblems(view.outputLines, view.outputEmpty, errors);
    editor.setRunErrors(errors);
    view.runSummary.showChecks(results);
    view.reveal();
    const recorded = progressStore().recordResult(source.id, results.status);
    if (!recorded.ok) view.say(recorded.error);
    view.showProgress();
  } catch (error) {
    view.say(`The configuration could not be checked: ${(error as Error).message}`);
    view.runSummary.failed('The configuration could not be checked.');
  }
}

/** Run: save the draft, run and grade the code, show what came back. A new Run replaces one in flight. */
async function runExercise(source: ExerciseSource, editor: CodeEditor, session: RunSession, view: ExerciseView): Promise<void> {
  const progress = progressStore();
  view.runButton.setAttribute('aria-busy', 'true');
  view.summary.textContent = 'running…';
  view.runSummary.running();
  // Saved before the program runs: a program that takes the tab down (memory) loses nothing.
  // Through the editor, whose draft guard would otherwise take this write for another tab's.
  editor.saveDraft();
  try {
    const onEvent = (event: RunEvent) => {
      if (event.type === 'progress') view.runSummary.progress(event.text);
    };
    const graded = await session.latest((signal) => session.grade(source, editor.getValue(), checksOf(source.id), { signal, onEvent }));
    if (!graded) return;
    renderChecks(view.checksList, view.summary, graded.results);
    renderOutput(view.outputLines, view.outputEmpty, graded.run);
    editor.setRunErrors(graded.run.errors);
    view.trace.show(graded.run);
    sendRunToBackend(graded.run.spans, view.sendStatus);
    view.runSummary.show(graded.results, graded.run);
    view.reveal();
    const recorded = progress.recordResult(source.id, graded.results.status);
    if (!recorded.ok) view.say(recorded.error);
    if (recorded.ok) lastRuns().save(source.id, graded.results, graded.run);
    view.showProgress();
  } catch (error) {
    view.say(`The run could not be checked: ${(error as Error).message}`);
    view.runSummary.failed('The run could not be checked.');
  } finally {
    if (!session.busy) view.runButton.removeAttribute('aria-busy');
  }
}

function mountExercise(root: HTMLElement): void {
  const { source, hintsHtml } = JSON.parse(root.querySelector('[data-exercise-data]')!.textContent!) as ExercisePayload;
  const progress = progressStore();
  const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const notice = $('[data-notice]');
  const say = (text: string | undefined) => {
    notice.hidden = !text;
    notice.textContent = text ?? '';
  };
  say(storageNotice);
  let draftError: string | undefined;

  const badge = $('[data-progress-badge]');
  const showProgress = () => {
    const state = progress.exercise(source.id);
    badge.textContent = state.passed ? 'Passed' : 'Not passed yet';
    badge.dataset.passed = String(state.passed);
  };
  showProgress();
  window.courseExercises ??= {};
  if (source.meta.kind === 'trace-reading') {
    // No editor and no run: the answers are spans selected in the viewer, and numbers.
    mountReadingExercise(root, source, hintsHtml, { progress, say, showProgress });
    window.courseExercises[source.id] = { grade: (text) => gradeReading(source, text) };
    return;
  }

  // The editor keeps the draft (debounced, cursor included, never silently over another tab's).
  const editor: CodeEditor = createCodeEditor($('.code-editor'), {
    main: source.meta.file,
    libraries: { 'course-sandbox.d.ts': sandboxTypes, 'process.d.ts': processTypes },
    draft: {
      key: DRAFT_PREFIX + source.id,
      read: () => progress.draft(source.id),
      write: (draft) => {
        const result = progress.saveDraft(source.id, draft);
        // A save clears only its own earlier error, not another message (a shared link's).
        if (!result.ok) say((draftError = result.error));
        else if (draftError) say((draftError = storageNotice));
        return result;
      },
    },
    onRun: () => void run(),
  });
  const isConfig = source.meta.kind === 'collector-config';
  // A Collector configuration runs nowhere: no runtime to choose or start.
  if (!isConfig) bindRuntimeChoice($('[data-runtime-status]'), $<HTMLSelectElement>('[data-runtime-choice]'), $<HTMLButtonElement>('[data-runtime-start]'), editor);
  mountHints($<HTMLOListElement>('[data-hints]'), $<HTMLButtonElement>('[data-hint]'), hintsHtml, progress, source.id);
  mountSolutionButtons($('[data-solution]'), $<HTMLButtonElement>('[data-restore]'), editor, source.solution);
  $('[data-reset]').addEventListener('click', () => void editor.reset());
  const share = $<HTMLButtonElement>('[data-share]');
  mountShareButton(share, { exerciseId: source.id, pagePath: share.dataset.share!, editor, say });
  void openSharedCode({ exerciseId: source.id, editor, starter: source.starter, anchor: $('.exercise__toolbar'), say });

  const session = exerciseRunSession(editor);
  const view: ExerciseView = {
    say,
    showProgress,
    runButton: $<HTMLButtonElement>('[data-run]'),
    checksList: $<HTMLOListElement>('[data-checks]'),
    summary: $('[data-checks-summary]'),
    outputLines: $<HTMLOListElement>('[data-output-lines]'),
    outputEmpty: $('[data-output-empty]'),
    // Only a program has a reference trace to compare with.
    trace: tracePanel(
      $('[data-viewer]'),
      root.querySelector('[data-compare]')
        ? { control: $('[data-compare]'), toggle: $<HTMLButtonElement>('[data-compare-toggle]'), status: $('[data-compare-status]'), host: $('[data-compare-viewer]') }
        : undefined,
    ),
    sendStatus: $('[data-send-status]'),
    runSummary: new RunSummary($('[data-run-summary]')),
    reveal: () => revealResults($('.exercise__toolbar'), $('.exercise__checks')),
  };
  // The last Run of an earlier visit, as it was left.
  const lastRun = lastRuns().load(source.id, progress.exercise(source.id).status);
  if (lastRun) {
    renderChecks(view.checksList, view.summary, lastRun.results);
    renderOutput(view.outputLines, view.outputEmpty, lastRun);
    view.trace.show(lastRun);
    view.runSummary.show(lastRun.results, lastRun, true);
  }
  const run = () => (isConfig ? checkConfig(source, editor, view) : runExercise(source, editor, session, view));
  view.runButton.addEventListener('click', () => void run());

  window.courseExercises[source.id] = { grade: (code) => gradeAny(source, code, session) };
}

export function mountExercises(root: Document): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-exercise]')) {
    if (element.dataset.mounted) continue;
    element.dataset.mounted = 'true';
    mountExercise(element);
  }
}
