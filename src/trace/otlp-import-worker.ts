/// <reference lib="webworker" />
/**
 * Reads and converts trace files (OTLP/JSON, Jaeger JSON, Zipkin v2) off the main thread: a 100,000-span file is tens of MB of
 * JSON, and parsing it in the page would freeze the tab. Records go back in batches, each its
 * own message (so its own short task on the page's side). The last import is kept here, so
 * exporting it again does not have to send 100,000 records back across.
 */
import { toOtlpJson } from '../../sandboxes/wire/otlp-export.ts';
import { OtlpImportError } from './otlp-import.ts';
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { TraceImportError, parseTraceJson, type TraceFormat } from './trace-json.ts';

declare const self: DedicatedWorkerGlobalScope;

export type ImportWorkerRequest =
  | { type: 'import'; id: number; file: Blob | string }
  | { type: 'export'; id: number; traceId: string };

export type ImportWorkerResponse =
  | { type: 'records'; id: number; records: SpanRecord[] }
  | { type: 'done'; id: number; count: number; warnings: string[]; format: TraceFormat }
  | { type: 'failed'; id: number; reason: string; path?: string; line?: number; column?: number; format?: TraceFormat }
  | { type: 'exported'; id: number; blob: Blob };

/** Records per message: small enough that the page decodes each batch in a few ms. */
export const RECORDS_PER_MESSAGE = 500;

let lastImport: SpanRecord[] = [];

/**
 * Records of one message share their empty lists and common statuses: structured cloning keeps
 * shared objects shared, so the page decodes (and its garbage collector copies) one object where
 * there would be thousands. The viewer never changes records.
 */
function shareCommonParts(records: SpanRecord[]): SpanRecord[] {
  const noEvents: SpanRecord['events'] = [];
  const noLinks: SpanRecord['links'] = [];
  const statuses = new Map<string, SpanRecord['status']>();
  return records.map((record) => {
    let status = record.status;
    if (status.message === undefined) {
      status = statuses.get(status.code) ?? status;
      statuses.set(status.code, status);
    }
    return {
      ...record,
      events: record.events.length ? record.events : noEvents,
      links: record.links.length ? record.links : noLinks,
      status,
    };
  });
}

function reply(message: ImportWorkerResponse): void {
  self.postMessage(message);
}

self.onmessage = async (event: MessageEvent<ImportWorkerRequest>) => {
  const request = event.data;
  if (request.type === 'export') {
    const records = lastImport.filter((record) => record.traceId === request.traceId);
    reply({ type: 'exported', id: request.id, blob: new Blob([JSON.stringify(toOtlpJson(records))], { type: 'application/json' }) });
    return;
  }
  try {
    const text = typeof request.file === 'string' ? request.file : await request.file.text();
    const { records, warnings, format } = parseTraceJson(text);
    lastImport = records;
    for (let i = 0; i < records.length; i += RECORDS_PER_MESSAGE) {
      reply({ type: 'records', id: request.id, records: shareCommonParts(records.slice(i, i + RECORDS_PER_MESSAGE)) });
    }
    reply({ type: 'done', id: request.id, count: records.length, warnings, format });
  } catch (error) {
    if (error instanceof OtlpImportError) {
      reply({
        type: 'failed',
        id: request.id,
        reason: error.reason,
        ...(error.path !== undefined ? { path: error.path } : {}),
        ...(error.line !== undefined ? { line: error.line, column: error.column ?? 1 } : {}),
        ...(error instanceof TraceImportError && error.format !== undefined ? { format: error.format } : {}),
      });
    } else {
      reply({ type: 'failed', id: request.id, reason: `could not read the file (${error instanceof Error ? error.message : String(error)})`, path: '' });
    }
  }
};
