import { checkLoaders } from 'virtual:course/checks';
import type { CheckResults } from '../../checks/index.ts';
import { browserStorage, DRAFT_PREFIX, memoryStorage, ProgressStore } from '../../progress/store.ts';
import type { RuntimeManager } from '../../runtime/runtime-manager.ts';
import type { RunResult } from '../../runtime/runtime.ts';
import { exerciseRunRequest, type ExerciseSource } from '../request.ts';
import { createCodeEditor, type CodeEditor } from '../../editor/code-editor.ts';
import processTypes from '../../../sandboxes/types/process.d.ts?raw';
import sandboxTypes from '../../../sandboxes/types/course-sandbox.d.ts?raw';
import { gradeCollectorConfig } from './collector-grade.ts';
import { renderChecks, renderConfigProblems, renderOutput } from './render.ts';

interface ExercisePayload {
  source: ExerciseSource;
  hintsHtml: string[];
}

export interface GradedRun {
  results: CheckResults;
  /** The program's run; absent for an exercise with no program (a Collector configuration). */
  run?: RunResult;
}

declare global {
  interface Window {
    /** Grades code for an exercise on this page, for end-to-end tests and `check:content`. */
    courseExercises?: Record<string, { grade(code: string): Promise<GradedRun> }>;
  }
}

let manager: Promise<RuntimeManager> | undefined;
let store: ProgressStore | undefined;
let storageNotice: string | undefined;

/**
 * The runtimes load after the page, so that reading a lesson costs little JavaScript; they start
 * as soon as the browser is idle, so that the first Run rarely waits.
 */
function runtimeManager(editor?: CodeEditor): Promise<RuntimeManager> {
  manager ??= Promise.all([import('../../runtime/runtime-manager.ts'), import('../../editor/editor-transpiler.ts'), import('../../runtime/browser-transpiler.ts')]).then(([{ createPageRuntimeManager }, { EditorTranspiler }, { WorkerTranspiler }]) => {
    // One compiler per page: the editor's TypeScript worker, or the transpiler Worker without it.
    const created = createPageRuntimeManager(editor ? new EditorTranspiler(editor, () => new WorkerTranspiler()) : new WorkerTranspiler());
    created.start();
    return created;
  });
  return manager;
}

/** One progress store per page, shared by its exercises. */
function progressStore(): ProgressStore {
  if (!store) {
    const { storage, error } = browserStorage();
    storageNotice = error;
    store = new ProgressStore(storage ?? memoryStorage());
  }
  return store;
}

async function grade(source: ExerciseSource, code: string, editor: CodeEditor, signal?: AbortSignal): Promise<GradedRun> {
  if (source.meta.kind === 'collector-config') {
    const loader = checkLoaders[source.id];
    if (!loader) throw new Error(`No checks for exercise ${source.id}.`);
    return { results: (await gradeCollectorConfig(source, code, loader)).results };
  }
  return gradeProgram(source, code, editor, signal);
}

async function gradeProgram(source: ExerciseSource, code: string, editor: CodeEditor, signal?: AbortSignal): Promise<Required<GradedRun>> {
  const loader = checkLoaders[source.id];
  if (!loader) throw new Error(`No checks for exercise ${source.id}.`);
  const runtime = await runtimeManager(editor);
  const [checks, { runChecks }, run] = await Promise.all([loader(), import('../../checks/index.ts'), runtime.run(exerciseRunRequest(source, code), { signal })]);
  const results = runChecks(checks.default as Parameters<typeof runChecks>[0], { ...run, extras: { requests: run.requests } });
  return { run, results };
}

function mountExercise(root: HTMLElement): void {
  const payload = JSON.parse(root.querySelector('[data-exercise-data]')!.textContent!) as ExercisePayload;
  const { source, hintsHtml } = payload;
  const progress = progressStore();
  const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const notice = $('[data-notice]');
  const say = (text: string | undefined) => {
    notice.hidden = !text;
    notice.textContent = text ?? '';
  };
  say(storageNotice);

  const badge = $('[data-progress-badge]');
  const showProgress = () => {
    const state = progress.exercise(source.id);
    badge.textContent = state.passed ? 'Passed' : 'Not passed yet';
    badge.dataset.passed = String(state.passed);
  };
  showProgress();

  const isConfig = source.meta.kind === 'collector-config';
  const runtimeStatus = $('[data-runtime-status]');
  const whenIdle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
  const runtimeChoice = root.querySelector<HTMLSelectElement>('[data-runtime-choice]');
  // Listening at once: a choice made before the runtimes have loaded still counts.
  runtimeChoice?.addEventListener('change', () => {
    const choice = runtimeChoice.value === 'worker' ? 'worker' : 'webcontainer';
    void runtimeManager(editor).then((runtime) => runtime.choose(choice));
  });
  // A Collector configuration runs nowhere: no runtime to start.
  if (runtimeChoice) whenIdle(
    () =>
      void runtimeManager(editor).then((runtime) => {
        runtime.onStatus((status) => {
          runtimeStatus.textContent = status.text;
          runtimeChoice.value = status.choice;
          // Where WebContainers cannot run at all, offering them would only disappoint.
          runtimeChoice.hidden = status.webcontainer === 'off' || status.webcontainer === 'unavailable';
        });
      }),
  );

  // The editor keeps the draft (debounced, cursor included, never silently over another tab's).
  const editor: CodeEditor = createCodeEditor($('.code-editor'), {
    main: source.meta.file,
    libraries: { 'course-sandbox.d.ts': sandboxTypes, 'process.d.ts': processTypes },
    draft: {
      key: DRAFT_PREFIX + source.id,
      read: () => progress.draft(source.id),
      write: (draft) => {
        const result = progress.saveDraft(source.id, draft);
        say(result.ok ? storageNotice : result.error);
        return result;
      },
    },
    onRun: () => void run(),
  });

  // Hints: one more each press.
  const hints = $<HTMLOListElement>('[data-hints]');
  const hintButton = $<HTMLButtonElement>('[data-hint]');
  let shown = Math.min(progress.exercise(source.id).hintsShown, hintsHtml.length);
  const showHints = () => {
    hints.replaceChildren(
      ...hintsHtml.slice(0, shown).map((html, i) => {
        const item = document.createElement('li');
        item.innerHTML = `<strong>Hint ${i + 1} of ${hintsHtml.length}.</strong> ${html}`;
        return item;
      }),
    );
    hints.hidden = shown === 0;
    hintButton.disabled = shown >= hintsHtml.length;
    hintButton.textContent = shown === 0 ? 'Hint' : shown < hintsHtml.length ? 'Next hint' : 'No more hints';
    // The accessible name stays "Hint" as the UI contract wants; the visible text adds context.
    hintButton.setAttribute('aria-label', 'Hint');
  };
  showHints();
  hintButton.addEventListener('click', () => {
    shown = Math.min(shown + 1, hintsHtml.length);
    progress.recordHints(source.id, shown);
    showHints();
    (hints.lastElementChild as HTMLElement | null)?.scrollIntoView({ block: 'nearest' });
  });

  // Show solution asks first; the learner's code stays one click away.
  const restore = $<HTMLButtonElement>('[data-restore]');
  let beforeSolution: string | undefined;
  $('[data-solution]').addEventListener('click', () => {
    if (!window.confirm('Replace your code with the reference solution? Your code is kept: "Restore my code" brings it back.')) return;
    beforeSolution = editor.getValue();
    editor.setValue(source.solution);
    restore.hidden = false;
  });
  restore.addEventListener('click', () => {
    if (beforeSolution !== undefined) editor.setValue(beforeSolution);
    restore.hidden = true;
  });
  $('[data-reset]').addEventListener('click', () => void editor.reset());

  const runButton = $<HTMLButtonElement>('[data-run]');
  const checksList = $<HTMLOListElement>('[data-checks]');
  const summary = $('[data-checks-summary]');
  const outputLines = $<HTMLOListElement>('[data-output-lines]');
  const outputEmpty = $('[data-output-empty]');
  const viewerHost = root.querySelector<HTMLElement>('[data-viewer]')!;
  // The viewer loads with the first result; span ids change every run, so no deep links here.
  let viewer: Promise<{ update(spans: RunResult['spans'], unfinished: RunResult['unfinished']): void }> | undefined;
  const showTrace = (result: RunResult) => {
    viewer ??= import('../../trace/viewer/trace-viewer.ts').then(({ mountTraceViewer }) => {
      viewerHost.replaceChildren();
      return mountTraceViewer(viewerHost, { linkToSpans: false, maxTreeHeight: 420, headingLevel: 4, emptyText: 'This run ended no spans.' });
    });
    void viewer.then((v) => v.update(result.spans, result.unfinished));
  };
  let inFlight: AbortController | undefined;

  const run = async () => {
    // A new Run replaces one still in flight.
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    runButton.setAttribute('aria-busy', 'true');
    summary.textContent = 'running…';
    // Saved before the program runs: a program that takes the tab down (memory) loses nothing.
    // Through the editor, whose draft guard would otherwise take this write for another tab's.
    editor.saveDraft();
    try {
      if (isConfig) {
        const { results, errors } = await gradeCollectorConfig(source, editor.getValue(), checkLoaders[source.id]!);
        if (inFlight !== controller) return;
        renderChecks(checksList, summary, results);
        renderConfigProblems(outputLines, outputEmpty, errors);
        editor.setRunErrors(errors);
        const recorded = progress.recordResult(source.id, results.status);
        if (!recorded.ok) say(recorded.error);
        showProgress();
        return;
      }
      const { run: result, results } = await gradeProgram(source, editor.getValue(), editor, controller.signal);
      if (inFlight !== controller) return;
      renderChecks(checksList, summary, results);
      renderOutput(outputLines, outputEmpty, result);
      editor.setRunErrors(result.errors);
      showTrace(result);
      const recorded = progress.recordResult(source.id, results.status);
      if (!recorded.ok) say(recorded.error);
      showProgress();
    } catch (error) {
      if (inFlight === controller) say(`The run could not be checked: ${(error as Error).message}`);
    } finally {
      if (inFlight === controller) {
        inFlight = undefined;
        runButton.removeAttribute('aria-busy');
      }
    }
  };
  runButton.addEventListener('click', () => void run());

  window.courseExercises ??= {};
  window.courseExercises[source.id] = { grade: (code) => grade(source, code, editor) };
}

export function mountExercises(root: Document): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-exercise]')) {
    if (element.dataset.mounted) continue;
    element.dataset.mounted = 'true';
    mountExercise(element);
  }
}
