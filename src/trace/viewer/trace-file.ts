/**
 * Trace files for the viewer (OTLP/JSON, Jaeger JSON, Zipkin v2): import through a Worker (parsing off the main thread, the
 * tree built batch by batch as records arrive, each step its own short task), export as a
 * downloadable `ExportTraceServiceRequest`.
 */
import type { ImportWorkerRequest, ImportWorkerResponse } from '../otlp-import-worker.ts';
import { toOtlpJson } from '../../../sandboxes/wire/otlp-export.ts';
import { OtlpImportError } from '../otlp-import.ts';
import { TraceImportError, type TraceFormat } from '../trace-json.ts';
import { TraceModelBuilder } from '../model-builder.ts';
import { runStepsInTasks, type TraceModel } from '../model.ts';
import type { SpanRecord } from '../../../sandboxes/wire/span-record.ts';

export interface ImportedTrace {
  model: TraceModel;
  warnings: string[];
  format: TraceFormat;
}

export type ImportStage = { stage: 'reading' } | { stage: 'receiving'; received: number } | { stage: 'building'; total: number };

/** Lets the page paint and handle input between steps of a big import. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Traces this small are exported in the page (pretty-printed); bigger ones in the Worker. */
const EXPORT_IN_PAGE_MAX = 5_000;

export class TraceFiles {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly handlers = new Map<number, (message: ImportWorkerResponse) => void>();
  /** Trace ids of the last import, which the Worker still holds. */
  private imported = new Set<string>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../otlp-import-worker.ts', import.meta.url), { type: 'module', name: 'otlp-import' });
    worker.onmessage = (event: MessageEvent<ImportWorkerResponse>) => this.handlers.get(event.data.id)?.(event.data);
    worker.onerror = (event) => {
      for (const handler of this.handlers.values()) handler({ type: 'failed', id: 0, reason: `the import worker failed (${event.message})`, path: '' });
    };
    this.worker = worker;
    return worker;
  }

  /**
   * Reads a trace file in any format `trace-json.ts` knows. Rejects with `TraceImportError` (what
   * is wrong, and where: a JSON path or a line and column; the format it was read as) when it
   * cannot be read.
   */
  import(file: Blob | string, onStage?: (stage: ImportStage) => void): Promise<ImportedTrace> {
    const worker = this.start();
    const id = this.nextId++;
    const builder = new TraceModelBuilder();
    let received = 0;
    onStage?.({ stage: 'reading' });
    return new Promise<ImportedTrace>((resolve, reject) => {
      this.handlers.set(id, (message) => {
        if (message.type === 'records') {
          builder.add(message.records);
          received += message.records.length;
          onStage?.({ stage: 'receiving', received });
        } else if (message.type === 'done') {
          this.handlers.delete(id);
          onStage?.({ stage: 'building', total: message.count });
          // Linking the tree sees every span at once: in steps, each its own short task.
          void nextTask()
            .then(() => runStepsInTasks(builder.finishSteps(), nextTask))
            .then((model) => {
              this.imported = new Set(model.traces.map((trace) => trace.traceId));
              resolve({ model, warnings: message.warnings, format: message.format });
            }, reject);
        } else if (message.type === 'failed') {
          this.handlers.delete(id);
          const where = message.line !== undefined ? { line: message.line, column: message.column ?? 1 } : { path: message.path ?? '' };
          reject(new TraceImportError(new OtlpImportError(message.reason, where), message.format));
        }
      });
      worker.postMessage({ type: 'import', id, file } satisfies ImportWorkerRequest);
    });
  }

  /** The OTLP/JSON file of one trace: built in the Worker when it came from a big import there. */
  async exportTrace(traceId: string, records: readonly SpanRecord[]): Promise<Blob> {
    if (records.length <= EXPORT_IN_PAGE_MAX || !this.imported.has(traceId) || !this.worker) return exportInPage(records);
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise<Blob>((resolve, reject) => {
      this.handlers.set(id, (message) => {
        this.handlers.delete(id);
        if (message.type === 'exported') resolve(message.blob);
        else reject(new Error('export failed'));
      });
      worker.postMessage({ type: 'export', id, traceId } satisfies ImportWorkerRequest);
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.handlers.clear();
  }
}

export function exportInPage(records: readonly SpanRecord[]): Blob {
  const pretty = records.length <= EXPORT_IN_PAGE_MAX;
  return new Blob([JSON.stringify(toOtlpJson(records), null, pretty ? 2 : undefined)], { type: 'application/json' });
}

/** Starts a download of `blob` as `filename`. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
