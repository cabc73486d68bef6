import { WorkerTranspiler } from '../runtime/browser-transpiler.ts';
import type { RunError } from '../runtime/protocol.ts';
import type { RunRequest, RunResult } from '../runtime/runtime.ts';
import { WorkerRuntime } from '../runtime/worker-runtime.ts';

const DRAFT_KEY = 'course:v1:playground:draft';

declare global {
  interface Window {
    /** The playground's runtime, for end-to-end tests and benchmarks. */
    courseRuntime?: { ready: Promise<void>; run(request: RunRequest): Promise<RunResult> };
  }
}

function describeError(error: RunError): string {
  const where = error.at ? `${error.at.file}:${error.at.line}:${error.at.column} ` : '';
  return `${where}${error.name}: ${error.message}`;
}

export function mountPlayground(root: Document): void {
  const code = root.querySelector<HTMLTextAreaElement>('#playground-code')!;
  const runButton = root.querySelector<HTMLButtonElement>('[data-run]')!;
  const resetButton = root.querySelector<HTMLButtonElement>('[data-reset]')!;
  const status = root.querySelector<HTMLElement>('[data-runtime-status]')!;
  const lines = root.querySelector<HTMLOListElement>('[data-output-lines]')!;
  const empty = root.querySelector<HTMLElement>('[data-output-empty]')!;
  const spansOut = root.querySelector<HTMLElement>('[data-spans]')!;
  const spanCount = root.querySelector<HTMLElement>('[data-span-count]')!;
  const timings = root.querySelector<HTMLElement>('[data-timings]')!;

  try {
    const draft = localStorage.getItem(DRAFT_KEY);
    if (draft !== null) code.value = draft;
  } catch {
    // No storage (private mode): the playground still works, drafts just do not persist.
  }

  const runtime = new WorkerRuntime(new WorkerTranspiler());
  const ready = runtime.prepare();
  ready.then(
    () => (status.textContent = 'Runtime: in-browser Worker'),
    (error: Error) => (status.textContent = `Runtime: in-browser Worker failed to start (${error.message})`),
  );
  window.courseRuntime = { ready, run: (request) => runtime.run(request) };

  const addLine = (text: string, kind: string) => {
    const item = root.createElement('li');
    item.className = `output__line output__line--${kind}`;
    item.textContent = text;
    lines.append(item);
    empty.hidden = true;
  };

  let inFlight: AbortController | undefined;
  const run = async () => {
    // A second Run while one is in flight replaces it.
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    lines.replaceChildren();
    empty.hidden = true;
    spansOut.textContent = '';
    spanCount.textContent = '';
    timings.textContent = 'Running…';
    runButton.setAttribute('aria-busy', 'true');
    const result = await runtime.run(
      { files: { 'main.ts': code.value }, entry: 'main.ts' },
      {
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === 'console') addLine(event.line.text, event.line.level);
        },
      },
    );
    if (inFlight !== controller) return;
    inFlight = undefined;
    runButton.removeAttribute('aria-busy');
    for (const error of result.errors) addLine(describeError(error), 'error');
    if (!lines.children.length) {
      empty.hidden = false;
      empty.textContent = result.exit === 'ok' ? 'The program printed nothing.' : '';
    }
    const all = [...result.spans, ...result.unfinished];
    spanCount.textContent = `(${result.spans.length} ended${result.unfinished.length ? `, ${result.unfinished.length} never ended` : ''})`;
    spansOut.textContent = JSON.stringify(all, null, 2);
    const t = result.timings;
    timings.textContent = `${result.exit} in ${t.totalMs.toFixed(0)} ms (compile ${t.transpileMs.toFixed(0)} ms, run ${t.runMs.toFixed(0)} ms)`;
  };

  runButton.addEventListener('click', () => void run());
  code.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void run();
    }
  });
  code.addEventListener('input', () => {
    try {
      localStorage.setItem(DRAFT_KEY, code.value);
    } catch {
      status.textContent = 'Runtime: in-browser Worker (your draft cannot be saved: browser storage is unavailable)';
    }
  });
  resetButton.addEventListener('click', () => {
    code.value = code.dataset.sample ?? '';
    code.dispatchEvent(new Event('input'));
  });
}
