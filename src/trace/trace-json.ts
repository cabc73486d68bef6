/**
 * Any trace file the viewer opens -> span records: OTLP/JSON, the Jaeger query API v3 response
 * (OTLP/JSON inside `{"result": ...}`), Jaeger JSON (query API v1 and Jaeger UI's download) and
 * Zipkin v2 JSON, told apart by their shape. Errors are `TraceImportError`s: the reader's own
 * path into the document (or line and column), plus the format the file was read as.
 */
import { OtlpImportError, fromOtlpJson, parseJsonText } from './otlp-import.ts';
import { describe, isObject } from './otlp-import/reading.ts';
import { fromJaegerJson, looksLikeJaeger } from './trace-formats/jaeger.ts';
import { fromZipkinJson, looksLikeZipkin } from './trace-formats/zipkin.ts';
import type { SpanRecord } from './trace-formats/common.ts';

export type TraceFormat = 'otlp' | 'jaeger-v3' | 'jaeger' | 'zipkin';

/** For messages: "Could not read x as Jaeger JSON". */
export const TRACE_FORMAT_NAMES: Record<TraceFormat, string> = {
  otlp: 'OTLP/JSON',
  'jaeger-v3': 'a Jaeger API v3 response (OTLP/JSON)',
  jaeger: 'Jaeger JSON',
  zipkin: 'Zipkin v2 JSON',
};

export interface TraceImportResult {
  records: SpanRecord[];
  warnings: string[];
  format: TraceFormat;
}

/** An `OtlpImportError` that also says which format the file was read as (none when it matched none). */
export class TraceImportError extends OtlpImportError {
  readonly format: TraceFormat | undefined;
  constructor(error: OtlpImportError, format: TraceFormat | undefined) {
    super(error.reason, error.line !== undefined ? { line: error.line, column: error.column ?? 1 } : { path: error.path ?? '' });
    this.format = format;
  }
}

const EXPECTED =
  'expected OTLP/JSON {"resourceSpans": [...]}, Jaeger JSON {"data": [{"traceID": ..., "spans": [...], "processes": {...}}]} or Zipkin v2 JSON [{"traceId": ..., "id": ..., "name": ...}]';

/** Which format a parsed document is in; throws when it is none of them. */
export function detectTraceFormat(document: unknown): TraceFormat {
  if (isObject(document)) {
    if ('resourceSpans' in document || 'resource_spans' in document) return 'otlp';
    const result = document['result'];
    if (isObject(result) && ('resourceSpans' in result || 'resource_spans' in result)) return 'jaeger-v3';
    if (looksLikeJaeger(document)) return 'jaeger';
    if ('resourceMetrics' in document || 'resourceLogs' in document) return 'otlp'; // its reader names the signal
    const fields = Object.keys(document).slice(0, 5).map((key) => JSON.stringify(key));
    throw new TraceImportError(new OtlpImportError(`${EXPECTED}; got an object with ${fields.length ? `fields ${fields.join(', ')}` : 'no fields'}`, { path: '' }), undefined);
  }
  if (looksLikeZipkin(document)) return 'zipkin';
  if (looksLikeJaeger(document)) return 'jaeger';
  throw new TraceImportError(new OtlpImportError(`${EXPECTED}; got ${describe(document)}`, { path: '' }), undefined);
}

/** A parsed document in any of the formats -> span records. */
export function fromTraceJson(document: unknown): TraceImportResult {
  const format = detectTraceFormat(document);
  try {
    switch (format) {
      case 'otlp':
        return { ...fromOtlpJson(document), format };
      case 'jaeger-v3':
        return { ...fromOtlpJson((document as { result: unknown }).result), format };
      case 'jaeger':
        return { ...fromJaegerJson(document), format };
      case 'zipkin':
        return { ...fromZipkinJson(document), format };
    }
  } catch (error) {
    if (!(error instanceof OtlpImportError)) throw error;
    if (format === 'jaeger-v3' && error.path !== undefined) {
      throw new TraceImportError(new OtlpImportError(error.reason, { path: error.path ? `result.${error.path}` : 'result' }), format);
    }
    throw new TraceImportError(error, format);
  }
}

/** Text of a trace file -> span records; JSON syntax errors carry their line and column. */
export function parseTraceJson(text: string): TraceImportResult {
  let document: unknown;
  try {
    document = parseJsonText(text);
  } catch (error) {
    throw error instanceof OtlpImportError ? new TraceImportError(error, undefined) : error;
  }
  return fromTraceJson(document);
}
