import { describe, expect, it, vi } from 'vitest';
import { sendSpans } from '../../src/trace/send/send-spans.ts';
import { checkEndpoint, parseHeaders, sendSettingsKey, type SendSettings } from '../../src/trace/send/settings.ts';
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';

const span = (name: string, parent?: string): SpanRecord => ({
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: name === 'root' ? '00f067aa0ba902b7' : '00f067aa0ba902b8',
  ...(parent ? { parentSpanId: parent } : {}),
  name,
  kind: 'SERVER',
  startTimeUnixNano: '1700000000000000000',
  endTimeUnixNano: '1700000000050000000',
  attributes: { 'http.route': '/checkout' },
  events: [],
  links: [],
  status: { code: 'UNSET' },
  resource: { 'service.name': 'shop-api' },
  scope: { name: 'shop' },
});

const on: SendSettings = { enabled: true, endpoint: 'http://localhost:4318/v1/traces', headers: { 'x-api-key': 's3cret' } };

describe('sending spans to the learner\'s backend', () => {
  it('POSTs every span as OTLP/JSON with the learner\'s headers, and says how many arrived', async () => {
    const fetchImpl = vi.fn(async () => new Response('{}', { status: 200 }));
    const outcome = await sendSpans([span('root'), span('child', '00f067aa0ba902b7')], on, fetchImpl as typeof fetch);
    expect(outcome).toEqual({ ok: true, message: 'Sent 2 spans to http://localhost:4318/v1/traces (200).' });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(on.endpoint);
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'x-api-key': 's3cret', 'content-type': 'application/json' });
    const body = JSON.parse(String(init.body));
    const spans = body.resourceSpans[0].scopeSpans[0].spans;
    expect(spans.map((s: { name: string }) => s.name)).toEqual(['root', 'child']);
    expect(body.resourceSpans[0].resource.attributes).toEqual([{ key: 'service.name', value: { stringValue: 'shop-api' } }]);
  });

  it('sends nothing for a run without spans', async () => {
    const fetchImpl = vi.fn();
    expect(await sendSpans([], on, fetchImpl as typeof fetch)).toMatchObject({ ok: true, message: expect.stringMatching(/nothing was sent/) });
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it.each([
    [404, 'http://localhost:16686/v1/traces', /answered 404.*OTLP\/HTTP port \(4318\)/],
    [404, 'http://localhost:4318/api/traces', /path \/v1\/traces; this endpoint's path is \/api\/traces/],
    [401, on.endpoint, /refused the credentials: check the headers/],
    [503, on.endpoint, /failed or is overloaded/],
  ])('names the likely cause of a %i from %s', async (status, endpoint, message) => {
    const outcome = await sendSpans([span('root')], { ...on, endpoint }, (async () => new Response('', { status })) as typeof fetch);
    expect(outcome).toEqual({ ok: false, message: expect.stringMatching(message) });
  });

  it('explains a network or CORS failure, which the browser reports without detail', async () => {
    vi.stubGlobal('location', { origin: 'https://course.example' });
    const outcome = await sendSpans([span('root')], on, (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch);
    vi.unstubAllGlobals();
    expect(outcome).toEqual({ ok: false, message: expect.stringMatching(/could not reach http:\/\/localhost:4318\/v1\/traces.*allow this site \(https:\/\/course\.example\) by CORS/) });
  });
});

describe('send settings', () => {
  it('reads headers as OTEL_EXPORTER_OTLP_HEADERS writes them, percent-encoding included', () => {
    expect(parseHeaders('x-honeycomb-team=abc, Authorization=Basic%20dXNlcg==')).toEqual({ headers: { 'x-honeycomb-team': 'abc', authorization: 'Basic dXNlcg==' } });
    expect(parseHeaders('')).toEqual({ headers: {} });
  });

  it('names the header entry that is not name=value', () => {
    expect(parseHeaders('a=1,just-a-name')).toEqual({ error: expect.stringMatching(/^Headers, entry 2 \("just-a-name"\): write it as name=value/) });
    expect(parseHeaders('bad name=1')).toEqual({ error: expect.stringMatching(/entry 1/) });
  });

  it('takes only http and https endpoints', () => {
    expect(checkEndpoint(' http://localhost:4318/v1/traces ')).toEqual({ url: 'http://localhost:4318/v1/traces' });
    expect(checkEndpoint('localhost:4318')).toEqual({ error: expect.stringMatching(/OTLP\/HTTP needs an http: or https: URL|is not a URL/) });
    expect(checkEndpoint('grpc://localhost:4317')).toEqual({ error: 'Endpoint: OTLP/HTTP needs an http: or https: URL, not grpc:' });
  });

  it('treats stored settings that are not settings as off', () => {
    expect(sendSettingsKey.parse({ enabled: 'yes', endpoint: on.endpoint, headers: {} })).toBeUndefined();
    expect(sendSettingsKey.parse({ enabled: true, endpoint: 'nope', headers: {} })).toBeUndefined();
    expect(sendSettingsKey.parse(on)).toEqual(on);
  });
});
