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

const TRACES_ENDPOINT_ADVICE =
  'The Grafana deployment sets OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://grafana.sandbox/otlp/v1/traces: when it is set, it wins over OTEL_EXPORTER_OTLP_ENDPOINT and is used as is, with nothing appended.';

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
    t.assert(
      key === 'secret',
      `The export to Honeycomb should carry \`x-honeycomb-team: secret\`, but ${key === undefined ? 'it has no such header' : `its value is ${JSON.stringify(key.slice(0, 60))}`}. OTEL_EXPORTER_OTLP_HEADERS is \`key=value\` pairs separated by commas: return them in \`headers\`.`,
    );
  }),
  check('Grafana receives one export at OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, used as is', (t) => {
    exactlyOne(t, 'grafana', 'Grafana (http://grafana.sandbox)', '/otlp/v1/traces', TRACES_ENDPOINT_ADVICE);
  }),
  check('Traces-only headers are merged over the general ones, URL-decoded (Grafana)', (t) => {
    const { got } = received(t, 'grafana');
    t.assert(got.length > 0, 'Grafana received nothing, so there is no header to check (see the check above).');
    const authorization = header(got[0]!.headers, 'authorization');
    t.assert(
      authorization === 'Basic c2hvcDp0b2tlbg==',
      authorization === 'Bearer old-backend'
        ? 'The export to Grafana carries the base image’s `authorization: Bearer old-backend`. OTEL_EXPORTER_OTLP_TRACES_HEADERS is merged over OTEL_EXPORTER_OTLP_HEADERS and wins where both name a header.'
        : `The export to Grafana should carry \`authorization: Basic c2hvcDp0b2tlbg==\` from OTEL_EXPORTER_OTLP_TRACES_HEADERS, but ${authorization === undefined ? 'it has no such header' : `its value is ${JSON.stringify(authorization.slice(0, 60))}`}. The value is \`Basic%20c2hvcDp0b2tlbg==\`: split each pair at its first \`=\` only, and decode the value with \`decodeURIComponent\`.`,
    );
    const org = header(got[0]!.headers, 'x-scope-orgid');
    t.assert(
      org === 'shop',
      `The export to Grafana should still carry \`x-scope-orgid: shop\` from OTEL_EXPORTER_OTLP_HEADERS, but ${org === undefined ? 'it has no such header' : `its value is ${JSON.stringify(org.slice(0, 60))}`}. The traces-only headers are added to the general ones, not used instead of them.`,
    );
  }),
  check('Compression: OTEL_EXPORTER_OTLP_TRACES_COMPRESSION, else OTEL_EXPORTER_OTLP_COMPRESSION, else none', (t) => {
    const expected = [
      ['the local collector', 'none', 'neither variable is set, and the JavaScript exporters default to `none`'],
      ['Honeycomb', 'gzip', 'OTEL_EXPORTER_OTLP_COMPRESSION=gzip'],
      ['Grafana Cloud', 'gzip', 'OTEL_EXPORTER_OTLP_TRACES_COMPRESSION=gzip wins over OTEL_EXPORTER_OTLP_COMPRESSION=none'],
    ] as const;
    for (const [backend, compression, why] of expected) {
      const line = t.output.lines.find((l) => l.startsWith(`${backend}: `));
      t.assert(line !== undefined, `The scenario printed no settings for ${backend}: did \`exporterSettingsFromEnv\` throw?`);
      const actual = /, compression (\S+)$/.exec(line!)?.[1];
      t.assert(actual === compression, `The settings for ${backend} have compression ${actual === undefined ? 'missing' : `\`${actual}\``}, but ${why}: it should be \`${compression}\`.`);
    }
  }),
]);
