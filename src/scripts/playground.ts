import { createCodeEditor } from '../editor/code-editor.ts';
import { draftKey, draftStorage } from '../progress/draft.ts';
import { EditorTranspiler } from '../editor/editor-transpiler.ts';
import { WorkerTranspiler } from '../runtime/browser-transpiler.ts';
import { PrecompiledTranspiler, pagePrecompiledTable } from '../runtime/precompiled.ts';
import { describeRunError, RunSession } from '../runtime/run-session.ts';
import type { RunRequest, RunResult } from '../runtime/runtime.ts';
import { WorkerRuntime } from '../runtime/worker-runtime.ts';
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { mountTraceViewer } from '../trace/viewer/trace-viewer.ts';
import { sendRunToBackend } from '../trace/send/send-run.ts';

const DRAFT_ID = 'playground';
/** Where the playground kept its draft (plain text) before drafts had cursors. */
const LEGACY_DRAFT_KEY = 'course:v1:playground:draft';

declare global {
  interface Window {
    /** The playground's runtime, for end-to-end tests and benchmarks. */
    courseRuntime?: {
      ready: Promise<void>;
      run(request: RunRequest): Promise<RunResult>;
      /** The program in the editor, as a Run sends it. */
      program(): RunRequest;
    };
  }
}

/** Moves a draft from the old key to the drafts' key, once. */
function migrateLegacyDraft(): void {
  try {
    const legacy = localStorage.getItem(LEGACY_DRAFT_KEY);
    if (legacy === null) return;
    if (localStorage.getItem(draftKey(DRAFT_ID).key) === null) {
      localStorage.setItem(draftKey(DRAFT_ID).key, JSON.stringify({ code: legacy, savedAt: Date.now() }));
    }
    localStorage.removeItem(LEGACY_DRAFT_KEY);
  } catch {
    // No storage (private mode): there is no draft to move either.
  }
}

export function mountPlayground(root: Document): void {
  const runButton = root.querySelector<HTMLButtonElement>('[data-run]')!;
  const resetButton = root.querySelector<HTMLButtonElement>('[data-reset]')!;
  const status = root.querySelector<HTMLElement>('[data-runtime-status]')!;
  const lines = root.querySelector<HTMLOListElement>('[data-output-lines]')!;
  const empty = root.querySelector<HTMLElement>('[data-output-empty]')!;
  const spansOut = root.querySelector<HTMLElement>('[data-spans]')!;
  const spanCount = root.querySelector<HTMLElement>('[data-span-count]')!;
  const timings = root.querySelector<HTMLElement>('[data-timings]')!;
  const sendStatus = root.querySelector<HTMLElement>('[data-send-status]')!;
  const rawSpans = root.querySelector<HTMLDetailsElement>('[data-raw-spans]')!;
  const viewer = mountTraceViewer(root.querySelector<HTMLElement>('[data-trace-viewer]')!, {
    emptyText: 'Press Run: the spans your program ends appear here as a tree and waterfall.',
    // Span ids are new on every run, so a link to one would never find it again.
    linkToSpans: false,
  });
  // The JSON is only written when someone opens "Raw span records": 10,000 spans of it is megabytes.
  let records: SpanRecord[] = [];
  const showRawSpans = () => {
    spansOut.textContent = rawSpans.open && records.length ? JSON.stringify(records, null, 2) : '';
  };
  rawSpans.addEventListener('toggle', showRawSpans);

  migrateLegacyDraft();
  // Run is declared below; the editor calls it only after the page has set up.
  const editor = createCodeEditor(root.getElementById('playground-code')!, {
    draft: draftStorage(DRAFT_ID),
    onRun: () => void run(),
  });
  // One compiler per page: the editor's, once it is up (the transpiler Worker only if it cannot load).
  // The sample as it ships was compiled when the site was built: its first Run needs no compiler.
  const runtime = new WorkerRuntime(new PrecompiledTranspiler(new EditorTranspiler(editor, () => new WorkerTranspiler()), () => pagePrecompiledTable(root)));
  const ready = runtime.prepare();
  ready.then(
    () => (status.textContent = 'Runtime: in-browser Worker'),
    (error: Error) => (status.textContent = `Runtime: in-browser Worker failed to start (${error.message})`),
  );
  const session = new RunSession(runtime);
  window.courseRuntime = { ready, run: (request) => session.run(request), program: () => ({ files: editor.getFiles(), entry: editor.main }) };

  const addLine = (text: string, kind: string) => {
    const item = root.createElement('li');
    item.className = `output__line output__line--${kind}`;
    item.textContent = text;
    lines.append(item);
    empty.hidden = true;
  };

  const run = async () => {
    lines.replaceChildren();
    empty.hidden = true;
    spanCount.textContent = '';
    timings.textContent = 'Running…';
    runButton.setAttribute('aria-busy', 'true');
    editor.setRunErrors([]);
    // A second Run while one is in flight replaces it.
    const result = await session.latest((signal) =>
      session.run(
        { files: editor.getFiles(), entry: editor.main },
        {
          signal,
          onEvent: (event) => {
            if (event.type === 'console') addLine(event.line.text, event.line.level);
            if (event.type === 'progress') timings.textContent = event.text;
          },
        },
      ),
    );
    if (!result) return;
    runButton.removeAttribute('aria-busy');
    editor.setRunErrors(result.errors);
    for (const error of result.errors) addLine(describeRunError(error), 'error');
    if (!lines.children.length) {
      empty.hidden = false;
      empty.textContent = result.exit === 'ok' ? 'The program printed nothing.' : '';
    }
    records = [...result.spans, ...result.unfinished];
    spanCount.textContent = `(${result.spans.length} ended${result.unfinished.length ? `, ${result.unfinished.length} never ended` : ''})`;
    viewer.update(result.spans, result.unfinished);
    sendRunToBackend(result.spans, sendStatus);
    showRawSpans();
    const t = result.timings;
    timings.textContent = `${result.exit} in ${t.totalMs.toFixed(0)} ms (compile ${t.transpileMs.toFixed(0)} ms, run ${t.runMs.toFixed(0)} ms)`;
  };

  runButton.addEventListener('click', () => void run());
  resetButton.addEventListener('click', () => void editor.reset());
}
