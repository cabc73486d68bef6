/**
 * The /viewer page: open a trace file, OTLP/JSON, Jaeger JSON or Zipkin v2 (file picker or
 * drag-and-drop anywhere on the page),
 * see it in the span viewer, export the trace on screen as OTLP/JSON.
 */
import { OtlpImportError } from '../otlp-import.ts';
import { TRACE_FORMAT_NAMES, TraceImportError } from '../trace-json.ts';
import { formatDuration, plural } from './format.ts';
import { TraceFiles, download, nextTask, type ImportStage } from './trace-file.ts';
import { sampleTrace } from './sample-trace.ts';
import { mountTraceViewer, type TraceViewer } from './trace-viewer.ts';
import './viewer-page.css';

/** What the last import took, for end-to-end tests and benchmarks. */
export interface ImportReport {
  ok: boolean;
  spans: number;
  /** From the file being chosen to its rows on screen. */
  ms: number;
}

declare global {
  interface Window {
    /** The viewer page, for end-to-end tests and benchmarks. */
    traceViewerPage?: { viewer: TraceViewer; lastImport: Promise<ImportReport> | undefined; open(file: Blob | string, name: string): Promise<ImportReport> };
  }
}

function describeSize(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} KB`;
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

export function mountViewerPage(root: Document): void {
  const host = root.querySelector<HTMLElement>('[data-viewer]')!;
  const input = root.querySelector<HTMLInputElement>('[data-file-input]')!;
  const openButton = root.querySelector<HTMLButtonElement>('[data-open]')!;
  const exportButton = root.querySelector<HTMLButtonElement>('[data-export]')!;
  const status = root.querySelector<HTMLElement>('[data-import-status]')!;
  const problem = root.querySelector<HTMLElement>('[data-import-error]')!;
  const warnings = root.querySelector<HTMLElement>('[data-import-warnings]')!;
  const dropZone = root.querySelector<HTMLElement>('[data-drop-zone]')!;
  const sampleButton = root.querySelector<HTMLButtonElement>('[data-sample]');

  const viewer = mountTraceViewer(host, {
    maxTreeHeight: Math.max(320, Math.round(window.innerHeight * 0.68)),
    headingLevel: 2,
    emptyText: 'No trace open yet: open a trace file (OTLP/JSON, Jaeger JSON or Zipkin v2), drop one on this page, or open the sample trace.',
  });
  const files = new TraceFiles();
  let fileName = 'trace';
  let busy = false;

  const showProblem = (name: string, error: unknown) => renderProblem(problem, name, error);

  const open = async (file: Blob | string, name: string, startedAt = performance.now()): Promise<ImportReport> => {
    if (busy) {
      status.textContent = `Still opening the previous file: open ${name} again when it is done.`;
      return { ok: false, spans: 0, ms: 0 };
    }
    busy = true;
    problem.hidden = true;
    warnings.replaceChildren();
    const size = typeof file === 'string' ? file.length : file.size;
    const onStage = (stage: ImportStage) => {
      if (stage.stage === 'reading') status.textContent = `Reading ${name} (${describeSize(size)})…`;
      else if (stage.stage === 'receiving') status.textContent = `Reading ${name}: ${plural(stage.received, 'span')} so far…`;
      else status.textContent = `Building the tree of ${plural(stage.total, 'span')}…`;
    };
    try {
      const { model, warnings: notes, format } = await files.import(file, onStage);
      await nextTask();
      viewer.showModel(model);
      fileName = name.replace(/\.json$/i, '');
      exportButton.disabled = model.spanCount === 0;
      await nextFrame();
      const ms = performance.now() - startedAt;
      status.textContent =
        model.spanCount === 0
          ? `${name} holds no spans.`
          : // The time is how long opening took (read, parse, draw), not the trace's own duration, shown below.
            `Opened ${name}: ${plural(model.spanCount, 'span')} in ${plural(model.traces.length, 'trace')}${format === 'otlp' ? '' : ` (${TRACE_FORMAT_NAMES[format]})`}, read and drawn in ${formatDuration(ms)}.`;
      if (notes.length) {
        warnings.replaceChildren(
          Object.assign(root.createElement('p'), { textContent: 'Some values were not kept exactly:' }),
          Object.assign(root.createElement('ul'), {}),
        );
        const list = warnings.lastElementChild!;
        for (const note of notes) list.append(Object.assign(root.createElement('li'), { textContent: note }));
      }
      return { ok: true, spans: model.spanCount, ms };
    } catch (error) {
      status.textContent = '';
      showProblem(name, error);
      return { ok: false, spans: 0, ms: performance.now() - startedAt };
    } finally {
      busy = false;
    }
  };

  const page = { viewer, lastImport: undefined as Promise<ImportReport> | undefined, open: (file: Blob | string, name: string) => (page.lastImport = open(file, name)) };
  window.traceViewerPage = page;

  openButton.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const startedAt = performance.now();
    const file = input.files?.[0];
    if (file) page.lastImport = open(file, file.name, startedAt);
    input.value = '';
  });

  // A newcomer without a file of their own can still explore.
  sampleButton?.addEventListener('click', () => {
    if (busy) return;
    problem.hidden = true;
    warnings.replaceChildren();
    viewer.update(sampleTrace());
    fileName = 'sample';
    exportButton.disabled = false;
    status.textContent = `Opened the sample trace: a checkout across three services. Select a span to see its details.`;
  });

  exportButton.addEventListener('click', async () => {
    const current = viewer.currentTrace();
    if (!current) return;
    exportButton.disabled = true;
    try {
      const blob = await files.exportTrace(current.traceId, current.records);
      download(blob, `${fileName === 'trace' ? 'trace' : fileName}-${current.traceId.slice(0, 8)}.otlp.json`);
    } finally {
      exportButton.disabled = false;
    }
  });

  // Drag-and-drop anywhere on the page.
  acceptDroppedFiles(root, dropZone, (file) => (page.lastImport = open(file, file.name)));
}

/** Why a file could not be opened, and what the viewer expected instead. */
function renderProblem(problem: HTMLElement, name: string, error: unknown): void {
  const doc = problem.ownerDocument;
  const reason = error instanceof OtlpImportError ? error.message : error instanceof Error ? error.message : String(error);
  const format = error instanceof TraceImportError ? error.format : undefined;
  problem.replaceChildren(
    Object.assign(doc.createElement('strong'), {
      textContent: format ? `Could not open ${name} as ${TRACE_FORMAT_NAMES[format]}.` : `Could not open ${name}: it is not a trace file the viewer reads.`,
    }),
    Object.assign(doc.createElement('p'), { textContent: reason }),
    Object.assign(doc.createElement('p'), { className: 'muted', textContent: expectedShape(format) }),
  );
  problem.hidden = false;
}

function expectedShape(format: TraceImportError['format']): string {
  switch (format) {
    case 'jaeger':
      return 'Expected Jaeger JSON, as the query API (/api/traces) returns it and Jaeger UI downloads it: {"data": [{"traceID": ..., "spans": [{"spanID": ..., "operationName": ..., "startTime": ..., "duration": ..., "processID": ...}], "processes": {...}}]}.';
    case 'zipkin':
      return 'Expected Zipkin v2 JSON: [{"traceId": ..., "id": ..., "parentId": ..., "name": ..., "timestamp": ..., "duration": ..., "localEndpoint": {"serviceName": ...}}].';
    case 'otlp':
    case 'jaeger-v3':
      return 'Expected an OTLP/JSON ExportTraceServiceRequest: {"resourceSpans": [{"resource": {...}, "scopeSpans": [{"scope": {...}, "spans": [...]}]}]}.';
    default:
      return 'The viewer reads OTLP/JSON ({"resourceSpans": [...]}), Jaeger JSON ({"data": [{"traceID", "spans", "processes"}]}, or {"result": {"resourceSpans": [...]}} from its API v3) and Zipkin v2 JSON ([{"traceId", "id", "name", ...}]).';
  }
}

/** Files dropped anywhere on the page open; the drop zone shows itself while a file is dragged over. */
function acceptDroppedFiles(root: Document, dropZone: HTMLElement, onFile: (file: File) => void): void {
  let dragDepth = 0;
  const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
  root.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    dragDepth++;
    dropZone.dataset.dragging = '';
  });
  root.addEventListener('dragleave', () => {
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) delete dropZone.dataset.dragging;
  });
  root.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  });
  root.addEventListener('drop', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    dragDepth = 0;
    delete dropZone.dataset.dragging;
    const file = event.dataTransfer?.files[0];
    if (file) onFile(file);
  });
}
