import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toOtlpJson } from '../../sandboxes/wire/otlp-export.ts';
import { findJsonSyntaxError } from '../../src/trace/json-syntax.ts';
import { MAX_ANY_VALUE_DEPTH, OtlpImportError, fromOtlpJson, parseOtlpJson } from '../../src/trace/otlp-import.ts';
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';

const TRACE_ID = '5a1c0ffee0ddba11d0c5e7a3b2c1d0e9';
const OTHER_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

/** A valid OTLP/JSON span with the fields a test does not care about filled in. */
const otlpSpan = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  traceId: TRACE_ID,
  spanId: 'c0ffee00decaf001',
  name: 'GET /',
  kind: 2,
  startTimeUnixNano: '1764000000000000000',
  endTimeUnixNano: '1764000000100000000',
  ...fields,
});

const request = (spans: unknown[]): Record<string, unknown> => ({
  resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 'lib' }, spans }] }],
});

const withAttribute = (value: unknown): Record<string, unknown> => request([otlpSpan({ attributes: [{ key: 'a', value }] })]);

/** The OtlpImportError `run` throws; fails the test if it throws anything else or nothing. */
function importError(run: () => unknown): OtlpImportError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OtlpImportError);
    return error as OtlpImportError;
  }
  throw new Error('expected an OtlpImportError, but nothing was thrown');
}

const SPAN_PATH = 'resourceSpans[0].scopeSpans[0].spans[0]';

describe('fromOtlpJson: the hand-written example (style of opentelemetry-proto examples/trace.json)', () => {
  const text = readFileSync(new URL('../fixtures/otlp/example-trace.json', import.meta.url), 'utf8');

  it('imports the SERVER span whose parent is not in the file, lowercasing uppercase ids', () => {
    const { records, warnings } = parseOtlpJson(text);
    expect(records).toEqual([
      {
        traceId: '5a1c0ffee0ddba11d0c5e7a3b2c1d0e9',
        spanId: 'c0ffee00decaf001',
        parentSpanId: 'badc0ffee0ddf00d',
        name: 'POST /checkout',
        kind: 'SERVER',
        startTimeUnixNano: '1764000000123456789',
        endTimeUnixNano: '1764000000573456789',
        attributes: {
          'http.request.method': 'POST',
          'http.response.status_code': 201,
          'app.cart.total': 42.5,
          'app.cart.gift': true,
          'app.cart.skus': ['SKU-1', 'SKU-2'],
        },
        events: [{ name: 'cart.validated', timeUnixNano: '1764000000200000000', attributes: { 'app.cart.items': 2 } }],
        links: [],
        status: { code: 'UNSET' },
        resource: { 'service.name': 'checkout-api', 'deployment.environment.name': 'course' },
        scope: { name: 'course.checkout', version: '2.0.1' },
      } satisfies SpanRecord,
    ]);
    // The example's scope carries attributes, which a record has no place for: said, not silently lost.
    expect(warnings).toEqual([
      'resourceSpans[0].scopeSpans[0].scope.attributes: scope attributes are not kept (a span record\'s scope holds only name and version)',
    ]);
  });

  it('reads intValue given as a string as a number', () => {
    const [record] = parseOtlpJson(text).records;
    expect(typeof record?.attributes['http.response.status_code']).toBe('number');
  });
});

describe('toOtlpJson', () => {
  it('writes the OTLP/JSON shape: hex ids, integer enums, string nanoseconds, typed AnyValues', () => {
    const record: SpanRecord = {
      traceId: TRACE_ID,
      spanId: 'c0ffee00decaf001',
      parentSpanId: 'badc0ffee0ddf00d',
      name: 'charge',
      kind: 'CLIENT',
      startTimeUnixNano: '1764000000123456789',
      endTimeUnixNano: '1764000000223456789',
      attributes: { s: 'x', i: 3, d: 3.5, b: true, arr: ['a', null] },
      events: [{ name: 'retry', timeUnixNano: '1764000000150000000', attributes: {} }],
      links: [{ traceId: OTHER_TRACE_ID, spanId: 'b7ad6b7169203331', attributes: { why: 'batch' } }],
      status: { code: 'ERROR', message: 'declined' },
      resource: { 'service.name': 'checkout' },
      scope: { name: 'payments', version: '1.0.0' },
      dropped: { events: 2 },
    };
    expect(toOtlpJson([record])).toEqual({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
          scopeSpans: [
            {
              scope: { name: 'payments', version: '1.0.0' },
              spans: [
                {
                  traceId: TRACE_ID,
                  spanId: 'c0ffee00decaf001',
                  parentSpanId: 'badc0ffee0ddf00d',
                  name: 'charge',
                  kind: 3,
                  startTimeUnixNano: '1764000000123456789',
                  endTimeUnixNano: '1764000000223456789',
                  attributes: [
                    { key: 's', value: { stringValue: 'x' } },
                    { key: 'i', value: { intValue: '3' } },
                    { key: 'd', value: { doubleValue: 3.5 } },
                    { key: 'b', value: { boolValue: true } },
                    { key: 'arr', value: { arrayValue: { values: [{ stringValue: 'a' }, {}] } } },
                  ],
                  events: [{ timeUnixNano: '1764000000150000000', name: 'retry', attributes: [] }],
                  droppedEventsCount: 2,
                  links: [{ traceId: OTHER_TRACE_ID, spanId: 'b7ad6b7169203331', attributes: [{ key: 'why', value: { stringValue: 'batch' } }] }],
                  status: { code: 2, message: 'declined' },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('number rule: Number.isInteger -> intValue (exact decimal string), else doubleValue; NaN/Infinity as strings', () => {
    const values = (attributes: SpanRecord['attributes']) =>
      toOtlpJson([{ ...minimalRecord('0000000000000001'), attributes }]).resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes.map((kv) => kv.value);
    expect(values({ a: 3, b: -7, c: 3.0, d: 0.1, e: 2 ** 60, f: 1e21, g: Number.NaN, h: Number.POSITIVE_INFINITY, i: Number.NEGATIVE_INFINITY })).toEqual([
      { intValue: '3' },
      { intValue: '-7' },
      { intValue: '3' },
      { doubleValue: 0.1 },
      { intValue: '1152921504606846976' },
      { doubleValue: 1e21 },
      { doubleValue: 'NaN' },
      { doubleValue: 'Infinity' },
      { doubleValue: '-Infinity' },
    ]);
  });

  it('groups by resource attribute set (any key order), then by scope name and version, first seen first', () => {
    const a1 = { ...minimalRecord('0000000000000001'), resource: { 'service.name': 'a', 'host.name': 'h' }, scope: { name: 'x', version: '1' } };
    const b1 = { ...minimalRecord('0000000000000002'), resource: { 'service.name': 'b' }, scope: { name: 'x', version: '1' } };
    const a2 = { ...minimalRecord('0000000000000003'), resource: { 'host.name': 'h', 'service.name': 'a' }, scope: { name: 'x' } };
    const a3 = { ...minimalRecord('0000000000000004'), resource: { 'service.name': 'a', 'host.name': 'h' }, scope: { name: 'x', version: '1' } };
    const a4 = { ...minimalRecord('0000000000000005'), resource: { 'service.name': 'a', 'host.name': 'h', extra: 1 }, scope: { name: 'x' } };
    const out = toOtlpJson([a1, b1, a2, a3, a4]);
    const shape = out.resourceSpans.map((rs) => rs.scopeSpans.map((ss) => [ss.scope, ss.spans.map((s) => s.spanId)]));
    expect(shape).toEqual([
      [
        [{ name: 'x', version: '1' }, ['0000000000000001', '0000000000000004']],
        [{ name: 'x' }, ['0000000000000003']],
      ],
      [[{ name: 'x', version: '1' }, ['0000000000000002']]],
      [[{ name: 'x' }, ['0000000000000005']]],
    ]);
  });

  it('leaves endTimeUnixNano, parentSpanId, traceState and dropped counts out when the record has none', () => {
    const [span] = toOtlpJson([minimalRecord('0000000000000001')]).resourceSpans[0]?.scopeSpans[0]?.spans ?? [];
    expect(Object.keys(span ?? {})).toEqual(['traceId', 'spanId', 'name', 'kind', 'startTimeUnixNano', 'attributes', 'events', 'links', 'status']);
  });
});

describe('round trip: records -> toOtlpJson -> JSON text -> parseOtlpJson', () => {
  it('gives equal records for every field and value type', () => {
    const resource = { 'service.name': 'checkout', 'service.instance.id': 'i-1', 'host.cpus': 4 };
    const records: SpanRecord[] = [
      {
        traceId: TRACE_ID,
        spanId: '00f067aa0ba902b7',
        traceState: 'vendor=abc',
        name: 'POST /checkout',
        kind: 'SERVER',
        startTimeUnixNano: '1764000000123456789',
        endTimeUnixNano: '18446744073709551615',
        attributes: {
          str: 'text',
          int: 200,
          neg: -42,
          dbl: 0.25,
          tiny: 1e-9,
          bool: false,
          strs: ['a', null, 'c'],
          ints: [1, -2, 3],
          dbls: [0.5, 1.5],
          bools: [true, null],
          empty: [],
          big: 2 ** 60,
          huge: 1e21,
          nan: Number.NaN,
          inf: Number.POSITIVE_INFINITY,
          ninf: Number.NEGATIVE_INFINITY,
          unicode: 'naïve ☃ 😀 \u0000 "quoted" \\ back',
          '': 'empty key',
        },
        events: [
          { name: 'exception', timeUnixNano: '1764000000200000000', attributes: { 'exception.type': 'Error', 'exception.message': 'boom' } },
          { name: 'no attributes', timeUnixNano: '1764000000200000001', attributes: {} },
        ],
        links: [{ traceId: OTHER_TRACE_ID, spanId: 'b7ad6b7169203331', traceState: 'k=v', attributes: { n: 1 } }],
        status: { code: 'ERROR', message: 'payment declined' },
        resource,
        scope: { name: 'checkout', version: '1.2.3' },
        dropped: { attributes: 1, events: 2, links: 3 },
      },
      {
        ...minimalRecord('1111111111111111'),
        parentSpanId: '00f067aa0ba902b7',
        kind: 'INTERNAL',
        status: { code: 'OK' },
        resource: { 'host.cpus': 4, 'service.instance.id': 'i-1', 'service.name': 'checkout' },
        scope: { name: 'checkout' },
      },
      { ...minimalRecord('2222222222222222'), kind: 'CLIENT', scope: { name: 'checkout', version: '' }, status: { code: 'UNSET', message: '' } },
      { ...minimalRecord('3333333333333333'), kind: 'PRODUCER', endTimeUnixNano: '1764000000000000001' },
      { ...minimalRecord('4444444444444444'), kind: 'CONSUMER', resource: { 'service.name': 'worker' } },
      { ...minimalRecord('5555555555555555'), kind: 'UNSPECIFIED', resource: {} },
    ];
    const text = JSON.stringify(toOtlpJson(records));
    const { records: back, warnings } = parseOtlpJson(text);
    expect(warnings).toEqual([]);
    expect(back).toEqual(records);
    // toEqual treats a missing key and `key: undefined` alike; the records must not even have the keys.
    expect('endTimeUnixNano' in (back[1] ?? {})).toBe(false);
    expect('parentSpanId' in (back[0] ?? {})).toBe(false);
  });
});

describe('fromOtlpJson: lenient where OTLP/JSON allows variation', () => {
  it('accepts snake_case keys, enum names, numbers for 64-bit integers, unknown fields, null as unset', () => {
    const input = {
      resource_spans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { string_value: 'legacy' } }], dropped_attributes_count: 0 },
          scope_spans: [
            {
              scope: { name: 'lib', version: null },
              spans: [
                {
                  trace_id: '5A1C0FFEE0DDBA11D0C5E7A3B2C1D0E9',
                  span_id: 'C0FFEE00DECAF001',
                  parent_span_id: '',
                  name: 'GET /',
                  kind: 'SPAN_KIND_CLIENT',
                  start_time_unix_nano: 1764000000000000,
                  end_time_unix_nano: '0001764000000000001000',
                  attributes: [
                    { key: 'n', value: { int_value: 5 } },
                    { key: 'd', value: { doubleValue: '2.5' } },
                    { key: 'inf', value: { doubleValue: 'Infinity' } },
                    { key: 'nullish', value: { stringValue: null, boolValue: false } },
                  ],
                  status: { code: 'STATUS_CODE_ERROR', message: 'boom' },
                  flags: 257,
                  somethingFromTheFuture: { ignored: true },
                },
              ],
              schemaUrl: 'https://opentelemetry.io/schemas/1.30.0',
            },
          ],
        },
      ],
    };
    const { records, warnings } = fromOtlpJson(input);
    expect(warnings).toEqual([]);
    expect(records).toEqual([
      {
        traceId: TRACE_ID,
        spanId: 'c0ffee00decaf001',
        name: 'GET /',
        kind: 'CLIENT',
        startTimeUnixNano: '1764000000000000',
        endTimeUnixNano: '1764000000000001000',
        attributes: { n: 5, d: 2.5, inf: Number.POSITIVE_INFINITY, nullish: false },
        events: [],
        links: [],
        status: { code: 'ERROR', message: 'boom' },
        resource: { 'service.name': 'legacy' },
        scope: { name: 'lib' },
      },
    ]);
  });

  it('renders kvlistValue, bytesValue and mixed arrays as strings, skips empty values, and warns', () => {
    const input = request([
      otlpSpan({
        attributes: [
          {
            key: 'kv',
            value: {
              kvlistValue: {
                values: [
                  { key: 'a', value: { intValue: '1' } },
                  { key: 'b', value: { arrayValue: { values: [{ boolValue: true }, { doubleValue: 'NaN' }] } } },
                ],
              },
            },
          },
          { key: 'bytes', value: { bytesValue: 'aGk=' } },
          { key: 'mixed', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }, {}] } } },
          { key: 'nested', value: { arrayValue: { values: [{ arrayValue: { values: [{ intValue: 1 }] } }] } } },
          { key: 'none', value: {} },
          { key: 'dup', value: { stringValue: 'first' } },
          { key: 'dup', value: { stringValue: 'second' } },
        ],
      }),
    ]);
    const { records, warnings } = fromOtlpJson(input);
    expect(records[0]?.attributes).toEqual({
      kv: '{"a":1,"b":[true,"NaN"]}',
      bytes: 'aGk=',
      mixed: ['a', '1', null],
      nested: ['[1]'],
      dup: 'second',
    });
    const at = `${SPAN_PATH}.attributes`;
    expect(warnings).toEqual([
      `${at}[0].value: kvlistValue rendered as JSON text`,
      `${at}[1].value: bytesValue kept as its base64 text`,
      `${at}[2].value: array with mixed or nested values; its elements were rendered as strings`,
      `${at}[3].value: array with mixed or nested values; its elements were rendered as strings`,
      `${at}[4].value: attribute "none" has no value; skipped`,
      `${at}[6].key: duplicate key "dup"; the last value is kept`,
    ]);
  });

  it('keeps the warning list short when one problem repeats', () => {
    const spans = Array.from({ length: 12 }, (_, i) =>
      otlpSpan({ spanId: (i + 1).toString(16).padStart(16, '0'), attributes: [{ key: 'kv', value: { kvlistValue: {} } }] }),
    );
    const { records, warnings } = fromOtlpJson(request(spans));
    expect(records).toHaveLength(12);
    expect(records[0]?.attributes).toEqual({ kv: '{}' });
    expect(warnings).toHaveLength(6);
    expect(warnings[4]).toBe('resourceSpans[0].scopeSpans[0].spans[4].attributes[0].value: kvlistValue rendered as JSON text');
    expect(warnings[5]).toBe('...and 7 more like this: kvlistValue attributes rendered as JSON text');
  });

  it('reads an all-zero parentSpanId as a root span, with a warning', () => {
    const { records, warnings } = fromOtlpJson(request([otlpSpan({ parentSpanId: '0000000000000000' })]));
    expect('parentSpanId' in (records[0] ?? {})).toBe(false);
    expect(warnings).toEqual([`${SPAN_PATH}.parentSpanId: all-zero id read as "no parent" (root span)`]);
  });

  it('warns when a big intValue cannot be held exactly, and not when it can', () => {
    const exact = fromOtlpJson(withAttribute({ intValue: '1152921504606846976' }));
    expect(exact.records[0]?.attributes['a']).toBe(2 ** 60);
    expect(exact.warnings).toEqual([]);
    const rounded = fromOtlpJson(withAttribute({ intValue: '9007199254740993' }));
    expect(rounded.records[0]?.attributes['a']).toBe(9007199254740992);
    expect(rounded.warnings).toEqual([
      `${SPAN_PATH}.attributes[0].value.intValue: 9007199254740993 does not fit a JavaScript number exactly; rounded to 9007199254740992`,
    ]);
  });

  it('reads the pre-1.0 instrumentationLibrarySpans layout', () => {
    const { records } = fromOtlpJson({
      resourceSpans: [{ instrumentationLibrarySpans: [{ instrumentationLibrary: { name: 'old', version: '0.1' }, spans: [otlpSpan()] }] }],
    });
    expect(records[0]?.scope).toEqual({ name: 'old', version: '0.1' });
    expect(records[0]?.resource).toEqual({});
  });

  it('accepts {"resourceSpans": []} and empty scopes as zero spans', () => {
    expect(fromOtlpJson({ resourceSpans: [] })).toEqual({ records: [], warnings: [] });
    expect(parseOtlpJson('{"resourceSpans": [{"scopeSpans": [{"spans": []}, {}]}, {}]}')).toEqual({ records: [], warnings: [] });
  });

  it('keeps "__proto__" as an ordinary attribute key', () => {
    const { records } = parseOtlpJson(JSON.stringify(withAttribute({ stringValue: 'x' })).replace('"key":"a"', '"key":"__proto__"'));
    const attributes = records[0]?.attributes ?? {};
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(Object.keys(attributes)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toBe('x');
  });
});

describe('fromOtlpJson / parseOtlpJson: malformed input says what is wrong and where', () => {
  it('not JSON: line and column of a trailing comma', () => {
    const text = '{\n  "resourceSpans": [\n    { "resource": { "attributes": [] }, }\n  ]\n}';
    const error = importError(() => parseOtlpJson(text));
    expect(error.message).toBe("JSON syntax error at line 3, column 41: unexpected '}' after ',' (JSON does not allow trailing commas)");
    expect([error.line, error.column]).toEqual([3, 41]);
    expect(error.path).toBeUndefined();
  });

  it('not JSON: other syntax errors, each placed exactly', () => {
    const message = (text: string) => importError(() => parseOtlpJson(text)).message;
    expect(message('')).toBe('JSON syntax error at line 1, column 1: the input is empty');
    expect(message('hello')).toBe('JSON syntax error at line 1, column 1: unexpected hello; expected a value');
    expect(message('{"resourceSpans": [] "x": 1}')).toBe(`JSON syntax error at line 1, column 22: expected ',' or '}' after a property value, got '"'`);
    expect(message("{'resourceSpans': []}")).toBe('JSON syntax error at line 1, column 2: property names need double quotes in JSON');
    expect(message('{"resourceSpans": [\n')).toBe('JSON syntax error at line 2, column 1: unexpected end of input; expected a value');
    expect(message('{"a": "line\nbreak"}')).toBe('JSON syntax error at line 1, column 12: line break inside a string (missing closing quote?)');
    expect(message('{"a": 01}')).toBe('JSON syntax error at line 1, column 7: numbers cannot have leading zeros in JSON');
    expect(message('{"a": 1}\n{"b": 2}')).toBe("JSON syntax error at line 2, column 1: unexpected '{' after the end of the JSON value");
    expect(message('{"a": undefined}')).toBe('JSON syntax error at line 1, column 7: unexpected undefined; expected a value');
    expect(message('\r\n{"a":\r\n  tru }')).toBe('JSON syntax error at line 3, column 3: unexpected tru; expected a value');
  });

  it('the syntax scanner agrees with JSON.parse on valid input and survives deep nesting', () => {
    expect(findJsonSyntaxError('{"a": [1, -2.5e+3, "x\\u00e9\\n", true, false, null, {}, []]}')).toBeUndefined();
    expect(findJsonSyntaxError(`${'['.repeat(200_000)}${']'.repeat(200_000)}`)).toBeUndefined();
    const error = importError(() => parseOtlpJson('['.repeat(200_000)));
    expect(error.message).toBe('JSON syntax error at line 1, column 200001: unexpected end of input; expected a value');
  });

  it('a byte order mark before the JSON is accepted', () => {
    expect(parseOtlpJson('\uFEFF{"resourceSpans": []}').records).toEqual([]);
  });

  it('{} and other objects without resourceSpans', () => {
    expect(importError(() => fromOtlpJson({})).message).toBe(
      'resourceSpans: missing: the input has no "resourceSpans" field; an OTLP/JSON trace export looks like {"resourceSpans": [...]}',
    );
    expect(importError(() => parseOtlpJson('{"resourceMetrics": []}')).message).toBe(
      'resourceSpans: missing: the input has no "resourceSpans" field (this looks like an OTLP metrics export, not traces)',
    );
    expect(importError(() => fromOtlpJson([])).message).toBe('expected an OTLP/JSON object like {"resourceSpans": [...]}, got an array (0 items)');
    expect(importError(() => parseOtlpJson('null')).message).toBe('expected an OTLP/JSON object like {"resourceSpans": [...]}, got null');
    expect(importError(() => fromOtlpJson({ resourceSpans: {} })).message).toBe('resourceSpans: expected an array, got an object');
  });

  it('a bad span id, with the full path to it', () => {
    const input = {
      resourceSpans: [
        {
          scopeSpans: [
            { scope: { name: 'first' }, spans: [otlpSpan()] },
            { scope: { name: 'second' }, spans: [otlpSpan(), otlpSpan(), otlpSpan(), otlpSpan({ spanId: 'xyz' })] },
          ],
        },
      ],
    };
    const error = importError(() => fromOtlpJson(input));
    expect(error.message).toBe('resourceSpans[0].scopeSpans[1].spans[3].spanId: expected 16 hex characters, got "xyz"');
    expect(error.path).toBe('resourceSpans[0].scopeSpans[1].spans[3].spanId');
    expect(error.reason).toBe('expected 16 hex characters, got "xyz"');
  });

  it('ids: odd length, all zeros, missing, base64, not a string', () => {
    const message = (fields: Record<string, unknown>) => importError(() => fromOtlpJson(request([otlpSpan(fields)]))).message;
    expect(message({ spanId: 'c0ffee00decaf00' })).toBe(`${SPAN_PATH}.spanId: expected 16 hex characters, got "c0ffee00decaf00" (15 characters)`);
    expect(message({ traceId: '0'.repeat(32) })).toBe(`${SPAN_PATH}.traceId: all-zero traceId is invalid`);
    expect(message({ spanId: '0000000000000000' })).toBe(`${SPAN_PATH}.spanId: all-zero spanId is invalid`);
    expect(message({ traceId: undefined })).toBe(`${SPAN_PATH}.traceId: missing: expected 32 hex characters`);
    expect(message({ traceId: 'WhzA/uDduhHQxeejssHQ6Q==' })).toBe(
      `${SPAN_PATH}.traceId: expected 32 hex characters, got "WhzA/uDduhHQxeejssHQ6Q==" (this looks like base64; OTLP/JSON ids are hex)`,
    );
    expect(message({ spanId: 1234 })).toBe(`${SPAN_PATH}.spanId: expected 16 hex characters, got 1234`);
    expect(message({ parentSpanId: 'zz' })).toBe(`${SPAN_PATH}.parentSpanId: expected 16 hex characters, got "zz"`);
    const link = importError(() => fromOtlpJson(request([otlpSpan({ links: [{ traceId: TRACE_ID, spanId: 'nope' }] })]))).message;
    expect(link).toBe(`${SPAN_PATH}.links[0].spanId: expected 16 hex characters, got "nope"`);
  });

  it('times that are not integers, negative, out of range or missing', () => {
    const message = (fields: Record<string, unknown>) => importError(() => fromOtlpJson(request([otlpSpan(fields)]))).message;
    expect(message({ startTimeUnixNano: '1764000000.5' })).toBe(
      `${SPAN_PATH}.startTimeUnixNano: expected a non-negative integer number of nanoseconds (a decimal string), got "1764000000.5"`,
    );
    expect(message({ startTimeUnixNano: 1.5 })).toBe(`${SPAN_PATH}.startTimeUnixNano: expected a non-negative integer number of nanoseconds, got 1.5`);
    expect(message({ endTimeUnixNano: '-1' })).toBe(
      `${SPAN_PATH}.endTimeUnixNano: expected a non-negative integer number of nanoseconds (a decimal string), got "-1"`,
    );
    expect(message({ startTimeUnixNano: '18446744073709551616' })).toBe(
      `${SPAN_PATH}.startTimeUnixNano: "18446744073709551616" is out of range for a 64-bit unsigned integer`,
    );
    expect(message({ startTimeUnixNano: undefined })).toBe(
      `${SPAN_PATH}.startTimeUnixNano: missing: expected a decimal string of nanoseconds since the Unix epoch`,
    );
    const event = importError(() => fromOtlpJson(request([otlpSpan({ events: [{ name: 'e', timeUnixNano: true }] })]))).message;
    expect(event).toBe(`${SPAN_PATH}.events[0].timeUnixNano: expected a decimal string of nanoseconds, got true`);
  });

  it('enums out of range or unknown', () => {
    const message = (fields: Record<string, unknown>) => importError(() => fromOtlpJson(request([otlpSpan(fields)]))).message;
    expect(message({ kind: 9 })).toBe(`${SPAN_PATH}.kind: expected a span kind: an integer 0-5 or a name like "SPAN_KIND_SERVER", got 9`);
    expect(message({ kind: 'toString' })).toBe(`${SPAN_PATH}.kind: expected a span kind: an integer 0-5 or a name like "SPAN_KIND_SERVER", got "toString"`);
    expect(message({ status: { code: 3 } })).toBe(
      `${SPAN_PATH}.status.code: expected a status code: 0 (UNSET), 1 (OK), 2 (ERROR) or a name like "STATUS_CODE_ERROR", got 3`,
    );
  });

  it('attribute values of the wrong type', () => {
    const message = (value: unknown) => importError(() => fromOtlpJson(withAttribute(value))).message;
    const at = `${SPAN_PATH}.attributes[0].value`;
    expect(message({ intValue: '12abc' })).toBe(`${at}.intValue: expected an integer (a decimal string or number), got "12abc"`);
    expect(message({ intValue: 1.5 })).toBe(`${at}.intValue: expected an integer, got 1.5`);
    expect(message({ intValue: '9223372036854775808' })).toBe(`${at}.intValue: "9223372036854775808" is out of range for a 64-bit integer`);
    expect(message({ doubleValue: 'lots' })).toBe(`${at}.doubleValue: expected a number (or "NaN", "Infinity", "-Infinity"), got "lots"`);
    expect(message({ boolValue: 'yes' })).toBe(`${at}.boolValue: expected true or false, got "yes"`);
    expect(message({ stringValue: 'a', intValue: '1' })).toBe(`${at}: expected exactly one value field, got both "stringValue" and "intValue"`);
    expect(message('plain')).toBe(`${at}: expected an AnyValue object like {"stringValue": "..."}, got "plain"`);
    expect(message({ arrayValue: { values: [{ intValue: 'x' }] } })).toBe(
      `${at}.arrayValue.values[0].intValue: expected an integer (a decimal string or number), got "x"`,
    );
    const notList = importError(() => fromOtlpJson(request([otlpSpan({ attributes: { a: 1 } })]))).message;
    expect(notList).toBe(`${SPAN_PATH}.attributes: expected an array of {"key": ..., "value": {...}}, got an object`);
  });

  it(`nesting deeper than ${MAX_ANY_VALUE_DEPTH} levels is refused with a clear error, even 100,000 levels deep`, () => {
    const nested = (levels: number, kind: 'arrayValue' | 'kvlistValue' = 'arrayValue'): unknown => {
      let value: unknown = { stringValue: 'bottom' };
      for (let i = 0; i < levels; i++) {
        value = kind === 'arrayValue' ? { arrayValue: { values: [value] } } : { kvlistValue: { values: [{ key: 'k', value }] } };
      }
      return value;
    };
    const expected = `${SPAN_PATH}.attributes[0].value: arrayValue/kvlistValue nested more than ${MAX_ANY_VALUE_DEPTH} levels deep`;
    // Exactly at the cap is still data (rendered as text, being nested).
    expect(fromOtlpJson(withAttribute(nested(MAX_ANY_VALUE_DEPTH))).records).toHaveLength(1);
    expect(importError(() => fromOtlpJson(withAttribute(nested(MAX_ANY_VALUE_DEPTH + 1)))).message).toBe(expected);
    expect(importError(() => fromOtlpJson(withAttribute(nested(MAX_ANY_VALUE_DEPTH + 1, 'kvlistValue')))).message).toBe(expected);

    // Built as text: JSON.stringify of such a value would itself recurse.
    const levels = 100_000;
    const deepValue = `${'{"arrayValue":{"values":['.repeat(levels)}{"stringValue":"bottom"}${']}}'.repeat(levels)}`;
    const text = JSON.stringify(withAttribute(null)).replace('null', deepValue);
    expect(importError(() => parseOtlpJson(text)).message).toBe(expected);
  });

  it('containers of the wrong type', () => {
    expect(importError(() => fromOtlpJson({ resourceSpans: [{ scopeSpans: [{ spans: {} }] }] })).message).toBe(
      'resourceSpans[0].scopeSpans[0].spans: expected an array, got an object',
    );
    expect(importError(() => fromOtlpJson({ resourceSpans: [{ resource: [] }] })).message).toBe(
      'resourceSpans[0].resource: expected an object, got an array (0 items)',
    );
    expect(importError(() => fromOtlpJson(request([42]))).message).toBe(`${SPAN_PATH}: expected a span object, got 42`);
    expect(importError(() => fromOtlpJson(request([otlpSpan({ name: ['x'] })]))).message).toBe(`${SPAN_PATH}.name: expected a string, got an array (1 items)`);
  });
});

describe('values are data, never markup', () => {
  it('HTML in names, keys and values stays the exact string, both ways', () => {
    const html = '<img src=x onerror="alert(1)">';
    const script = '<script>alert("x")</script>';
    const input = request([
      otlpSpan({
        name: html,
        attributes: [{ key: '<b>key</b>', value: { stringValue: script } }],
        events: [{ name: '</div>&amp;', timeUnixNano: '1', attributes: [] }],
        status: { code: 2, message: '<i>failed</i>' },
      }),
    ]);
    const { records } = parseOtlpJson(JSON.stringify(input));
    const [record] = records;
    expect(record?.name).toBe(html);
    expect(record?.attributes).toEqual({ '<b>key</b>': script });
    expect(record?.events[0]?.name).toBe('</div>&amp;');
    expect(record?.status.message).toBe('<i>failed</i>');

    const written = JSON.stringify(toOtlpJson(records));
    expect(written).toContain(JSON.stringify(script));
    expect(written).not.toContain('&lt;');
    expect(parseOtlpJson(written).records).toEqual(records);
  });

  it('error messages quote offending values as JSON strings, unchanged', () => {
    const error = importError(() => fromOtlpJson(request([otlpSpan({ spanId: '<b>hi</b>' })])));
    expect(error.message).toBe(`${SPAN_PATH}.spanId: expected 16 hex characters, got "<b>hi</b>"`);
  });
});

describe('scale', () => {
  it('imports 100,000 spans (time printed, not asserted)', () => {
    const count = 100_000;
    const records: SpanRecord[] = [];
    for (let i = 0; i < count; i++) {
      const trace = Math.floor(i / 10);
      const record: SpanRecord = {
        ...minimalRecord((i + 1).toString(16).padStart(16, '0')),
        traceId: (trace + 1).toString(16).padStart(32, '0'),
        name: `span ${i}`,
        kind: 'SERVER',
        attributes: { 'http.route': '/checkout/:id', 'http.response.status_code': 200, 'app.ratio': i / 7, 'app.cached': i % 2 === 0 },
        resource: { 'service.name': `service-${i % 5}` },
      };
      if (i % 10 !== 0) record.parentSpanId = (i - (i % 10) + 1).toString(16).padStart(16, '0');
      if (i % 50 === 0) record.events = [{ name: 'retry', timeUnixNano: '1764000000000000500', attributes: { attempt: 2 } }];
      records.push(record);
    }

    let started = performance.now();
    const text = JSON.stringify(toOtlpJson(records));
    const exportMs = performance.now() - started;

    started = performance.now();
    const { records: back, warnings } = parseOtlpJson(text);
    const importMs = performance.now() - started;

    console.log(
      `100,000 spans: ${(text.length / 1e6).toFixed(1)} MB of OTLP/JSON; toOtlpJson + stringify ${exportMs.toFixed(0)} ms; parseOtlpJson ${importMs.toFixed(0)} ms`,
    );
    expect(warnings).toEqual([]);
    expect(back).toHaveLength(count);
    const byId = new Map(back.map((r) => [r.spanId, r]));
    for (const i of [0, 1, 9, 50, 12_345, 99_999]) {
      const original = records[i];
      expect(original && byId.get(original.spanId)).toEqual(original);
    }
  });
});

describe('module boundaries', () => {
  it('the OTLP/JSON reader and writer import only each other and span records (no Node built-ins, no DOM, runs in a Worker)', () => {
    const files = [
      '../../sandboxes/wire/otlp-export.ts',
      '../../sandboxes/wire/otlp-types.ts',
      '../../src/trace/otlp-import.ts',
      '../../src/trace/otlp-import/attributes.ts',
      '../../src/trace/otlp-import/reading.ts',
      '../../src/trace/otlp-import/spans.ts',
      '../../src/trace/json-syntax.ts',
    ];
    for (const file of files) {
      const source = readFileSync(new URL(file, import.meta.url), 'utf8');
      const specifiers = [...source.matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]);
      for (const specifier of specifiers) expect(specifier).toMatch(/^(?:\.\/(?:otlp-import\/)?[a-z-]+|(?:\.\.\/)+sandboxes\/wire\/[a-z-]+)\.ts$/);
      const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
      expect(code).not.toMatch(/\b(?:document|window|globalThis|Buffer|process|require)\s*[.(]|innerHTML/);
    }
  });
});

function minimalRecord(spanId: string): SpanRecord {
  return {
    traceId: TRACE_ID,
    spanId,
    name: 'work',
    kind: 'INTERNAL',
    startTimeUnixNano: '1764000000000000000',
    attributes: {},
    events: [],
    links: [],
    status: { code: 'UNSET' },
    resource: { 'service.name': 'checkout' },
    scope: { name: 'checkout' },
  };
}
