/**
 * OTLP/JSON -> span records, for files a learner opens or pastes: `parseOtlpJson` for text,
 * `fromOtlpJson` for a document already parsed. The reader lives in `otlp-import/`; the writer
 * (records -> OTLP/JSON) is `sandboxes/wire/otlp-export.ts`, which the sandbox harness uses too.
 *
 * Plain functions over plain data: no DOM, no Node built-ins, so it runs in a Worker, in the page
 * and in Node. Values stay data: nothing here builds HTML, so a span named `<img onerror=...>`
 * comes out as that exact string and it is the renderer's job to treat it as text.
 */
import { findJsonSyntaxError, lineAndColumn } from './json-syntax.ts';
import { OtlpImportError } from './otlp-import/reading.ts';
import { fromOtlpJson, type OtlpImportResult } from './otlp-import/spans.ts';

export { MAX_ANY_VALUE_DEPTH } from './otlp-import/attributes.ts';
export { OtlpImportError } from './otlp-import/reading.ts';
export { fromOtlpJson, type OtlpImportResult } from './otlp-import/spans.ts';

/** `JSON.parse` + `fromOtlpJson`. */
export function parseOtlpJson(text: string): OtlpImportResult {
  return fromOtlpJson(parseJsonText(text));
}

/**
 * `JSON.parse`, with syntax errors located by this module's own scanner, not by parsing the
 * engine's message: V8, SpiderMonkey and JavaScriptCore word (and place) them differently.
 */
export function parseJsonText(text: string): unknown {
  // A byte order mark is not JSON whitespace, but editors on Windows like to add one.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(source);
  } catch (error) {
    const problem = findJsonSyntaxError(source);
    if (problem === undefined) {
      // The scanner found nothing the engine did: report the engine's words rather than guess a place.
      throw new OtlpImportError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`, { path: '' });
    }
    throw new OtlpImportError(problem.reason, lineAndColumn(source, problem.offset));
  }
}
