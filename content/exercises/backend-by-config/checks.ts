import { check, defineChecks, header, is, type CheckContext } from '#checks';

/** Requests sandbox services received (`extras.requests`). */
const requests = is.array(is.object({ service: is.string, method: is.string, path: is.string, headers: is.record(is.string), body: is.string }));

/** What one backend received, as `POST /path` strings for messages. */
function received({ extra }: CheckContext, service: string) {
  const got = extra('requests', requests).filter((r) => r.service === service);
  const list = got.slice(0, 3).map((r) => `\`${r.method} ${r.path.slice(0, 60)}\``);
  if (got.length > 3) list.push(`${got.length - 3} more`);
  const described = got.length === 0 ? 'nothing' : got.length === 1 ? list[0]! : `${got.length} requests: ${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
  return { got, described };
}

/** The one request a backend should have received, at `path`; fails with what it got instead. */
function exactlyOne(t: CheckContext, service: string, backend: string, path: string, advice: string) {
  const { got, described } = received(t, service);
  t.assert(got.length > 0, `${backend} received nothing. ${advice}`);
  t.assert(
    got.length === 1 && got[0]!.method === 'POST' && got[0]!.path === path,
    `${backend} should receive one \`POST ${path}\`, but it received ${described}. ${advice}`,
  );
  return got[0]!;
}

const tracesEndpointAdvice = (path: string) =>
  `The Grafana deployment sets OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://grafana.sandbox${path}: when it is set, it wins over OTEL_EXPORTER_OTLP_ENDPOINT and is used as is, with nothing appended.`;

/** What `exporterSettingsFromEnv({})` returned, as the scenario reported it. */
const settings = is.object({ url: is.unknown, headers: is.unknown });

export default defineChecks([
  check('The local collector receives one export, at the endpoint plus /v1/traces', (t) => {
    exactlyOne(
      t,
      'collector',
      'The collector (http://collector.sandbox:4318)',
      '/v1/traces',
      'Only the first deployment should export there: OTEL_EXPORTER_OTLP_ENDPOINT is a base URL, so append `/v1/traces` to it, and use it only when OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is not set.',
    );
  }),
  check('Honeycomb receives one export at /v1/traces, even though its endpoint ends with a slash', (t) => {
    exactlyOne(
      t,
      'honeycomb',
      'Honeycomb (http://honeycomb.sandbox/)',
      '/v1/traces',
      'Its OTEL_EXPORTER_OTLP_ENDPOINT ends with `/`: remove trailing slashes before appending `/v1/traces`.',
    );
  }),
  check('The Honeycomb export carries the x-honeycomb-team header from OTEL_EXPORTER_OTLP_HEADERS', (t) => {
    const { got } = received(t, 'honeycomb');
    t.assert(got.length > 0, 'Honeycomb received nothing, so there is no header to check (see the checks above).');
    const key = header(got[0]!.headers, 'x-honeycomb-team');
    const expected = t.input('honeycomb key', 'secret');
    t.assert(
      key === expected,
      `The export to Honeycomb should carry \`x-honeycomb-team: ${expected}\`, the key in its OTEL_EXPORTER_OTLP_HEADERS, but ${key === undefined ? 'it has no such header' : `its value is ${JSON.stringify(key.slice(0, 60))}`}. OTEL_EXPORTER_OTLP_HEADERS is \`key=value\` pairs separated by commas: return them in \`headers\`.`,
    );
  }),
  check('Grafana receives one export at OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, used as is', (t) => {
    const path = t.input('grafana path', '/otlp/v1/traces');
    exactlyOne(t, 'grafana', 'Grafana (http://grafana.sandbox)', path, tracesEndpointAdvice(path));
  }),
  check('Traces-only headers are merged over the general ones, URL-decoded (Grafana)', (t) => {
    const { got } = received(t, 'grafana');
    t.assert(got.length > 0, 'Grafana received nothing, so there is no header to check (see the check above).');
    const authorization = header(got[0]!.headers, 'authorization');
    const token = t.input('grafana token', 'c2hvcDp0b2tlbg==');
    t.assert(
      authorization === `Basic ${token}`,
      authorization === 'Bearer old-backend'
        ? 'The export to Grafana carries the base image’s `authorization: Bearer old-backend`. OTEL_EXPORTER_OTLP_TRACES_HEADERS is merged over OTEL_EXPORTER_OTLP_HEADERS and wins where both name a header.'
        : `The export to Grafana should carry \`authorization: Basic ${token}\` from OTEL_EXPORTER_OTLP_TRACES_HEADERS, but ${authorization === undefined ? 'it has no such header' : `its value is ${JSON.stringify(authorization.slice(0, 60))}`}. The value is \`Basic%20${token}\`: split each pair at its first \`=\` only, and decode the value with \`decodeURIComponent\`.`,
    );
    const org = header(got[0]!.headers, 'x-scope-orgid');
    t.assert(
      org === 'shop',
      `The export to Grafana should still carry \`x-scope-orgid: shop\` from OTEL_EXPORTER_OTLP_HEADERS, but ${org === undefined ? 'it has no such header' : `its value is ${JSON.stringify(org.slice(0, 60))}`}. The traces-only headers are added to the general ones, not used instead of them.`,
    );
  }),
  check('With no OTLP variables at all, the defaults: http://localhost:4318/v1/traces and no headers', (t) => {
    const observed = t.extra('observations', is.record(is.unknown))['settings without environment'];
    t.assert(observed !== undefined, 'The scenario did not get settings for an environment without variables: did `exporterSettingsFromEnv` run?');
    const error = (observed as { error?: unknown }).error;
    t.assert(error === undefined, `For an environment with no OTLP variables, \`exporterSettingsFromEnv({})\` threw ${String(error).slice(0, 120)}. Every variable may be missing: fall back to the defaults instead.`);
    t.assert(settings(observed), 'For an environment with no OTLP variables, `exporterSettingsFromEnv({})` did not return `{ url, headers }`.');
    const { url, headers } = observed as { url: unknown; headers: unknown };
    t.assert(
      url === 'http://localhost:4318/v1/traces',
      `For an environment with no OTLP variables, the URL should be the default, http://localhost:4318/v1/traces, but it is ${JSON.stringify(url)?.slice(0, 80)}. With neither endpoint variable set, start from the default base URL http://localhost:4318 and append /v1/traces.`,
    );
    t.assert(
      typeof headers === 'object' && headers !== null && Object.keys(headers).length === 0,
      `For an environment with no OTLP variables, there should be no headers, but \`headers\` is ${JSON.stringify(headers)?.slice(0, 80)}. Without OTEL_EXPORTER_OTLP_HEADERS, return an empty object.`,
    );
  }),
  check('Compression: OTEL_EXPORTER_OTLP_TRACES_COMPRESSION, else OTEL_EXPORTER_OTLP_COMPRESSION, else none', (t) => {
    const expected = [
      ['the local collector', 'none', 'neither variable is set, and the JavaScript exporters default to `none`'],
      ['Honeycomb', 'gzip', 'OTEL_EXPORTER_OTLP_COMPRESSION=gzip'],
      ['Grafana Cloud', 'gzip', 'OTEL_EXPORTER_OTLP_TRACES_COMPRESSION=gzip wins over OTEL_EXPORTER_OTLP_COMPRESSION=none'],
    ] as const;
    for (const [backend, compression, why] of expected) {
      const observed = t.extra('observations', is.record(is.unknown))[`settings for ${backend}`];
      t.assert(observed !== undefined, `The scenario got no settings for ${backend}: did \`exporterSettingsFromEnv\` throw?`);
      const actual = (observed as { compression?: unknown }).compression;
      t.assert(actual === compression, `The settings for ${backend} have compression ${actual === undefined ? 'missing' : `\`${String(actual)}\``}, but ${why}: it should be \`${compression}\`.`);
    }
  }),
]);
