import type { CapturedRequest, ConsoleLine, HarnessMessage, RunError, SourcePosition, SpanClock, WorkReport } from '../../sandboxes/wire/protocol.ts';
import { SpanKindName, type AttributeValue, type Attributes, type SpanEventRecord, type SpanLinkRecord, type SpanRecord } from '../../sandboxes/wire/span-record.ts';

/**
 * Everything a sandbox sends runs through here before checks, the viewer or the output see it.
 * Learner code shares the sandbox with the harness, so a message may be anything a program
 * could make: objects where strings belong, cycles, a 256 MiB message, 90,000 errors. Messages
 * are rebuilt field by field from what is allowed (so nothing else, cycles included, gets
 * through), and every per-run quantity is counted against a cap. A message that breaks the
 * rules ends the run with a message saying what was wrong.
 */

export interface RunLimits {
  /** Ended spans a run may report (the sandbox's own cap is checked again here). */
  spans: number;
  errors: number;
  consoleLines: number;
  requests: number;
  /** Characters of an error's name, message or stack kept (the rest is cut). */
  text: number;
  /** Characters of a console line kept (a Node program's raw stdout line may be long). */
  consoleText: number;
  attributesPerSpan: number;
  /**
   * Characters of a span or event name, an attribute key, a resource or scope value. The SDK
   * limits none of them; a program may well name a span with a 4 KB string.
   */
  name: number;
  /** Characters of an attribute's string value, and items of an array value. */
  attributeValue: number;
  eventsPerSpan: number;
  linksPerSpan: number;
  /** Characters of a captured request's body. */
  requestBody: number;
  /** Estimated bytes of everything one run sends. */
  totalBytes: number;
  /** Work reports, inputs and observations a run may send (what the exercise's own files report). */
  reports: number;
}

export const DEFAULT_RUN_LIMITS: RunLimits = {
  spans: 10_000,
  errors: 100,
  consoleLines: 2_100,
  requests: 2_000,
  text: 16 * 1024,
  consoleText: 1024 * 1024,
  attributesPerSpan: 256,
  name: 16 * 1024,
  attributeValue: 64 * 1024,
  eventsPerSpan: 1_000,
  linksPerSpan: 1_000,
  requestBody: 8 * 1024 * 1024,
  totalBytes: 64 * 1024 * 1024,
  reports: 20_000,
};

/** How deep an input or observation value may nest (a settings object, a result). */
const MAX_VALUE_DEPTH = 8;

/** Thrown while reading a message: what was wrong, in words a learner can act on. */
export class UntrustedRecordError extends Error {
  override name = 'UntrustedRecordError';
}

const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;
const NANOS = /^[0-9]{1,20}$/;
const STATUS = new Set(['UNSET', 'OK', 'ERROR']);
const LEVELS = new Set<ConsoleLine['level']>(['log', 'info', 'warn', 'error', 'debug']);
const ERROR_KINDS = new Set<RunError['kind']>(['compile', 'runtime', 'limit', 'sandbox']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${(text.length - max).toLocaleString('en-US')} more characters)` : text);

/** Reads one run's messages, counting against `limits`. */
export class UntrustedMessages {
  private readonly limits: RunLimits;
  private bytes = 0;
  private spans = 0;
  private errors = 0;
  private lines = 0;
  private requests = 0;
  private reports = 0;

  constructor(limits: Partial<RunLimits> = {}) {
    this.limits = { ...DEFAULT_RUN_LIMITS, ...limits };
  }

  /** The message, rebuilt from what is allowed; throws UntrustedRecordError when it breaks a rule. */
  read(raw: unknown): HarnessMessage | undefined {
    if (!isRecord(raw)) throw new UntrustedRecordError('a message that is not an object');
    switch (raw.type) {
      case 'ready':
        return { type: 'ready' };
      case 'spans': {
        const spans = this.spanList(raw.spans, 'spans', true);
        return raw.clocks === undefined ? { type: 'spans', spans } : { type: 'spans', spans, clocks: this.list(raw.clocks, 'span clocks', this.limits.spans).map((c, i) => this.clock(c, `span clock ${i + 1}`)) };
      }
      case 'work':
        this.report('work reports');
        return { type: 'work', work: this.work(raw.work) };
      case 'input':
      case 'observation':
        this.report(`${raw.type}s`);
        return { type: raw.type, name: this.string(raw.name, `${raw.type} name`, this.limits.name), value: this.value(raw.value, `${raw.type} value`, 0) };
      case 'console':
        return { type: 'console', line: this.consoleLine(raw.line) };
      case 'request':
        return { type: 'request', request: this.request(raw.request) };
      case 'error':
        return { type: 'error', error: this.error(raw.error) };
      case 'span-limit':
        return { type: 'span-limit', limit: this.count(raw.limit, 'span-limit limit') };
      case 'done':
        if (typeof raw.ok !== 'boolean') throw new UntrustedRecordError('done.ok is not true or false');
        return { type: 'done', ok: raw.ok, unfinished: this.spanList(raw.unfinished, 'unfinished spans', false) };
      default:
        return undefined;
    }
  }

  private spend(characters: number, what: string): void {
    this.bytes += characters * 2;
    if (this.bytes > this.limits.totalBytes) {
      throw new UntrustedRecordError(`the program sent more than ${this.limits.totalBytes / 1024 / 1024} MiB of ${what}`);
    }
  }

  private string(v: unknown, field: string, max: number): string {
    if (typeof v !== 'string') throw new UntrustedRecordError(`${field} is not a string`);
    if (v.length > max) throw new UntrustedRecordError(`${field} is longer than ${max.toLocaleString('en-US')} characters`);
    this.spend(v.length, 'records');
    return v;
  }

  /** A string whose excess is cut rather than refused (the text of errors and console lines). */
  private text(v: unknown, field: string, max = this.limits.text): string {
    if (typeof v !== 'string') throw new UntrustedRecordError(`${field} is not a string`);
    const kept = clip(v, max);
    this.spend(kept.length, 'output');
    return kept;
  }

  private count(v: unknown, field: string): number {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new UntrustedRecordError(`${field} is not a whole number`);
    return v;
  }

  private list(v: unknown, field: string, max: number): unknown[] {
    if (!Array.isArray(v)) throw new UntrustedRecordError(`${field} is not a list`);
    if (v.length > max) throw new UntrustedRecordError(`${field} has more than ${max.toLocaleString('en-US')} items`);
    return v;
  }

  private spanList(v: unknown, field: string, ended: boolean): SpanRecord[] {
    const items = this.list(v, field, this.limits.spans);
    if (ended) {
      this.spans += items.length;
      if (this.spans > this.limits.spans) throw new SpanCapExceeded(this.limits.spans);
    }
    return items.map((s, i) => this.span(s, `span ${i + 1} of ${field}`));
  }

  private span(v: unknown, at: string): SpanRecord {
    if (!isRecord(v)) throw new UntrustedRecordError(`${at} is not an object`);
    const span: SpanRecord = {
      traceId: this.id(v.traceId, `${at}: traceId`, HEX32),
      spanId: this.id(v.spanId, `${at}: spanId`, HEX16),
      name: this.string(v.name, `${at}: name`, this.limits.name),
      kind: this.oneOf(v.kind, `${at}: kind`, new Set<string>(SpanKindName)) as SpanKindName,
      startTimeUnixNano: this.nanos(v.startTimeUnixNano, `${at}: startTimeUnixNano`),
      attributes: this.attributes(v.attributes, `${at}: attributes`),
      events: this.list(v.events, `${at}: events`, this.limits.eventsPerSpan).map((e, i) => this.event(e, `${at}: event ${i + 1}`)),
      links: this.list(v.links, `${at}: links`, this.limits.linksPerSpan).map((l, i) => this.link(l, `${at}: link ${i + 1}`)),
      status: this.status(v.status, `${at}: status`),
      resource: this.attributes(v.resource, `${at}: resource`),
      scope: this.scope(v.scope, `${at}: scope`),
    };
    if (v.parentSpanId !== undefined) span.parentSpanId = this.id(v.parentSpanId, `${at}: parentSpanId`, HEX16);
    if (v.traceState !== undefined) span.traceState = this.string(v.traceState, `${at}: traceState`, this.limits.name);
    if (v.endTimeUnixNano !== undefined) span.endTimeUnixNano = this.nanos(v.endTimeUnixNano, `${at}: endTimeUnixNano`);
    if (v.dropped !== undefined) span.dropped = this.dropped(v.dropped, `${at}: dropped`);
    return span;
  }

  private id(v: unknown, field: string, pattern: RegExp): string {
    if (typeof v !== 'string' || !pattern.test(v)) throw new UntrustedRecordError(`${field} is not ${pattern === HEX32 ? 32 : 16} lowercase hex characters`);
    return v;
  }

  private nanos(v: unknown, field: string): string {
    if (typeof v !== 'string' || !NANOS.test(v)) throw new UntrustedRecordError(`${field} is not a time in nanoseconds (digits only)`);
    return v;
  }

  private oneOf(v: unknown, field: string, allowed: Set<string>): string {
    if (typeof v !== 'string' || !allowed.has(v)) throw new UntrustedRecordError(`${field} is not one of ${[...allowed].join(', ')}`);
    return v;
  }

  private attributes(v: unknown, field: string): Attributes {
    if (!isRecord(v)) throw new UntrustedRecordError(`${field} is not an object`);
    const keys = Object.keys(v);
    if (keys.length > this.limits.attributesPerSpan) throw new UntrustedRecordError(`${field} has more than ${this.limits.attributesPerSpan} attributes`);
    const result: Attributes = {};
    for (const key of keys) {
      this.string(key, `${field}: a key`, this.limits.name);
      Object.defineProperty(result, key, { value: this.attributeValue(v[key], `${field}: ${key.slice(0, 64)}`), enumerable: true, writable: true, configurable: true });
    }
    return result;
  }

  private attributeValue(v: unknown, field: string): AttributeValue {
    if (typeof v === 'string') return this.string(v, field, this.limits.attributeValue);
    if (typeof v === 'number' || typeof v === 'boolean') return v;
    if (!Array.isArray(v)) throw new UntrustedRecordError(`${field} is not a string, number, boolean or list of them`);
    const items = this.list(v, field, this.limits.attributeValue);
    for (const item of items) {
      if (item !== null && typeof item !== 'number' && typeof item !== 'boolean') this.string(item, `${field}: an item`, this.limits.attributeValue);
    }
    return [...items] as AttributeValue;
  }

  private event(v: unknown, at: string): SpanEventRecord {
    if (!isRecord(v)) throw new UntrustedRecordError(`${at} is not an object`);
    return { name: this.string(v.name, `${at}: name`, this.limits.name), timeUnixNano: this.nanos(v.timeUnixNano, `${at}: timeUnixNano`), attributes: this.attributes(v.attributes, `${at}: attributes`) };
  }

  private link(v: unknown, at: string): SpanLinkRecord {
    if (!isRecord(v)) throw new UntrustedRecordError(`${at} is not an object`);
    const link: SpanLinkRecord = { traceId: this.id(v.traceId, `${at}: traceId`, HEX32), spanId: this.id(v.spanId, `${at}: spanId`, HEX16), attributes: this.attributes(v.attributes, `${at}: attributes`) };
    if (v.traceState !== undefined) link.traceState = this.string(v.traceState, `${at}: traceState`, this.limits.name);
    return link;
  }

  private status(v: unknown, at: string): SpanRecord['status'] {
    if (!isRecord(v)) throw new UntrustedRecordError(`${at} is not an object`);
    const status: SpanRecord['status'] = { code: this.oneOf(v.code, `${at}: code`, STATUS) as SpanRecord['status']['code'] };
    if (v.message !== undefined) status.message = this.string(v.message, `${at}: message`, this.limits.attributeValue);
    return status;
  }

  private scope(v: unknown, at: string): SpanRecord['scope'] {
    if (!isRecord(v)) throw new UntrustedRecordError(`${at} is not an object`);
    const scope: SpanRecord['scope'] = { name: this.string(v.name, `${at}: name`, this.limits.name) };
    if (v.version !== undefined) scope.version = this.string(v.version, `${at}: version`, this.limits.name);
    return scope;
  }

  private dropped(v: unknown, at: string): NonNullable<SpanRecord['dropped']> {
    if (!isRecord(v)) throw new UntrustedRecordError(`${at} is not an object`);
    const dropped: NonNullable<SpanRecord['dropped']> = {};
    for (const key of ['attributes', 'events', 'links'] as const) if (v[key] !== undefined) dropped[key] = this.count(v[key], `${at}: ${key}`);
    return dropped;
  }

  private consoleLine(v: unknown): ConsoleLine {
    if (!isRecord(v)) throw new UntrustedRecordError('a console line is not an object');
    if (++this.lines > this.limits.consoleLines) throw new UntrustedRecordError(`the program printed more than ${this.limits.consoleLines.toLocaleString('en-US')} console lines`);
    if (typeof v.at !== 'number' || !Number.isFinite(v.at)) throw new UntrustedRecordError('a console line has no time');
    return { level: this.oneOf(v.level, 'a console line level', LEVELS) as ConsoleLine['level'], text: this.text(v.text, 'a console line', this.limits.consoleText), at: v.at };
  }

  private request(v: unknown): CapturedRequest {
    if (!isRecord(v)) throw new UntrustedRecordError('a captured request is not an object');
    if (++this.requests > this.limits.requests) throw new UntrustedRecordError(`sandbox services received more than ${this.limits.requests.toLocaleString('en-US')} requests`);
    if (!isRecord(v.headers)) throw new UntrustedRecordError('a captured request has no headers object');
    const names = Object.keys(v.headers);
    if (names.length > 100) throw new UntrustedRecordError('a captured request has more than 100 headers');
    const headers: Record<string, string> = {};
    for (const name of names) {
      Object.defineProperty(headers, this.string(name, 'a header name', this.limits.name), { value: this.string(v.headers[name], `header ${name.slice(0, 64)}`, this.limits.attributeValue), enumerable: true, writable: true, configurable: true });
    }
    return {
      service: this.string(v.service, 'a request service', this.limits.name),
      method: this.string(v.method, 'a request method', 32),
      path: this.string(v.path, 'a request path', this.limits.attributeValue),
      headers,
      body: this.string(v.body, 'a request body', this.limits.requestBody),
    };
  }

  private error(v: unknown): RunError {
    if (!isRecord(v)) throw new UntrustedRecordError('an error is not an object');
    if (++this.errors > this.limits.errors) throw new ErrorCapExceeded(this.limits.errors);
    const error: RunError = { kind: this.oneOf(v.kind, 'an error kind', ERROR_KINDS) as RunError['kind'], name: clip(this.text(v.name, 'an error name'), 200), message: this.text(v.message, 'an error message') };
    if (v.stack !== undefined) error.stack = this.text(v.stack, 'an error stack');
    if (v.at !== undefined) error.at = this.position(v.at);
    return error;
  }

  private report(what: string): void {
    if (++this.reports > this.limits.reports) throw new UntrustedRecordError(`the run sent more than ${this.limits.reports.toLocaleString('en-US')} ${what}`);
  }

  private optionalId(v: unknown, field: string, pattern: RegExp): string | undefined {
    return v === undefined ? undefined : this.id(v, field, pattern);
  }

  private time(v: unknown, field: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new UntrustedRecordError(`${field} is not a number`);
    return v;
  }

  private flag(v: unknown, field: string): boolean | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') throw new UntrustedRecordError(`${field} is not true or false`);
    return v;
  }

  private clock(v: unknown, at: string): SpanClock {
    if (!isRecord(v)) throw new UntrustedRecordError(`${at} is not an object`);
    const clock: SpanClock = { traceId: this.id(v.traceId, `${at}: traceId`, HEX32), spanId: this.id(v.spanId, `${at}: spanId`, HEX16), start: this.time(v.start, `${at}: start`) };
    if (v.end !== undefined) clock.end = this.time(v.end, `${at}: end`);
    const explicitStart = this.flag(v.explicitStart, `${at}: explicitStart`);
    const explicitEnd = this.flag(v.explicitEnd, `${at}: explicitEnd`);
    if (explicitStart !== undefined) clock.explicitStart = explicitStart;
    if (explicitEnd !== undefined) clock.explicitEnd = explicitEnd;
    return clock;
  }

  private work(v: unknown): WorkReport {
    if (!isRecord(v)) throw new UntrustedRecordError('a work report is not an object');
    const work: WorkReport = { operation: this.string(v.operation, 'work operation', this.limits.name), start: this.time(v.start, 'work start') };
    const traceId = this.optionalId(v.traceId, 'work traceId', HEX32);
    const spanId = this.optionalId(v.spanId, 'work spanId', HEX16);
    if (traceId !== undefined) work.traceId = traceId;
    if (spanId !== undefined) work.spanId = spanId;
    if (v.end !== undefined) work.end = this.time(v.end, 'work end');
    const failed = this.flag(v.failed, 'work failed');
    if (failed !== undefined) work.failed = failed;
    return work;
  }

  /** A plain JSON-like value, rebuilt: no cycles, no functions, bounded depth, counted sizes. */
  private value(v: unknown, field: string, depth: number): unknown {
    if (v === null || typeof v === 'boolean') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'string') return this.string(v, field, this.limits.attributeValue);
    if (depth >= MAX_VALUE_DEPTH) throw new UntrustedRecordError(`${field} nests deeper than ${MAX_VALUE_DEPTH} levels`);
    if (Array.isArray(v)) return this.list(v, field, this.limits.attributesPerSpan).map((item) => this.value(item, field, depth + 1));
    if (!isRecord(v)) return undefined;
    const keys = Object.keys(v);
    if (keys.length > this.limits.attributesPerSpan) throw new UntrustedRecordError(`${field} has more than ${this.limits.attributesPerSpan} keys`);
    const copy: Record<string, unknown> = {};
    for (const key of keys) {
      const item = this.value(v[key], `${field}.${this.string(key, `${field}: a key`, this.limits.name).slice(0, 64)}`, depth + 1);
      Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }

  private position(v: unknown): SourcePosition {
    if (!isRecord(v)) throw new UntrustedRecordError('an error position is not an object');
    return { file: this.string(v.file, 'an error position file', this.limits.name), line: this.count(v.line, 'an error line'), column: this.count(v.column, 'an error column') };
  }
}

/** More ended spans than the run allows: the same ending as the sandbox's own span cap. */
export class SpanCapExceeded extends UntrustedRecordError {
  override name = 'SpanCapExceeded';
  readonly limit: number;
  constructor(limit: number) {
    super(`more than ${limit} spans`);
    this.limit = limit;
  }
}

/** More errors than a run may report (a flood of unhandled rejections, say). */
export class ErrorCapExceeded extends UntrustedRecordError {
  override name = 'ErrorCapExceeded';
  readonly limit: number;
  constructor(limit: number) {
    super(`more than ${limit} errors`);
    this.limit = limit;
  }
}
