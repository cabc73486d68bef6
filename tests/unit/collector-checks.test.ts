import { describe, expect, it } from 'vitest';
import { collectorCheck, defineCollectorChecks, traceDurationMs, traceHasError, type CollectorCheckContext } from '../../src/checks/index.ts';
import { runCollectorChecks } from '../../src/collector/checks/runner.ts';
import type { TraceData } from '../../src/collector/tail-sampling/trace-data.ts';

const config = `receivers:
  otlp:
    protocols: {grpc: }
processors:
  memory_limiter: {check_interval: 1s, limit_percentage: 80}
  tail_sampling:
    policies:
      - {name: errors, type: status_code, status_code: {status_codes: [ERROR]}}
exporters:
  otlp_http/honeycomb:
    endpoint: https://api.honeycomb.io
    sending_queue: {batch: {flush_timeout: 1s}}
  loadbalancing:
    protocol: {otlp: {}}
    resolver: {static: {hostnames: [a:4317]}}
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [memory_limiter, tail_sampling]
      exporters: [otlp_http/honeycomb, loadbalancing]
`;

function trace(id: number, error: boolean, ms: number): TraceData {
  const traceId = id.toString(16).padStart(32, 'a');
  return {
    traceId,
    spans: [{
      traceId, spanId: '1'.padStart(16, '0'), name: 'GET', kind: 'SERVER',
      startTimeUnixNano: '1000000000000000000', endTimeUnixNano: (1_000_000_000_000_000_000n + BigInt(ms) * 1_000_000n).toString(),
      attributes: {}, events: [], links: [], status: { code: error ? 'ERROR' : 'UNSET' }, resource: {}, scope: { name: 't' },
    }],
  };
}
const traces = [trace(1, true, 10), trace(2, false, 900), trace(3, false, 10)];

/** The result of one check over `config`. */
function outcome(test: (t: CollectorCheckContext) => void, text = config) {
  return runCollectorChecks(defineCollectorChecks([collectorCheck('c', test)], { traces }), text).results.tests[0]!;
}

describe('Collector checks', () => {
  it('pass when the configuration has what they assert', () => {
    expect(outcome(({ collector }) => {
      collector.isValid();
      collector.exporter('load_balancing');
      collector.pipeline('traces').receivesFrom('otlp').processesFirstWith('memory_limiter').processesWith('tail_sampling').exportsTo('otlp_http');
      collector.exporterSetting('otlp_http/honeycomb', 'endpoint').includes('honeycomb');
      collector.loadBalancer().routesBy('traceID').hasBackends(1);
      collector.batching('otlp_http/honeycomb').isEnabled().flushTimeoutAtMost(1000);
      collector.tailSampling().keepsAll('traces with an error', traceHasError).keepsShareOf('other traces', (t) => !traceHasError(t), 0, 0).decidesConsistently();
    })).toEqual({ name: 'c', status: 'pass' });
  });

  it.each([
    [({ collector }: CollectorCheckContext) => collector.pipeline('traces').doesNotProcessWith('tail_sampling'), 'Expected pipeline `traces` not to run `tail_sampling`; its processors: `memory_limiter`, `tail_sampling`.'],
    [({ collector }: CollectorCheckContext) => collector.loadBalancer().routesBy('service'), 'Expected `loadbalancing` to route by `service`; it routes by `traceID` (the default).'],
    [({ collector }: CollectorCheckContext) => collector.batching('otlp_http').flushTimeoutAtMost(200), 'Expected exporter `otlp_http/honeycomb` to flush a batch within 200 ms; its flush_timeout is 1000 ms.'],
    [({ collector }: CollectorCheckContext) => collector.exporter('otlp_grpc'), 'Expected an exporter `otlp_grpc` under `exporters:`; found `otlp_http/honeycomb`, `loadbalancing`.'],
    [({ collector }: CollectorCheckContext) => collector.tailSampling().keepsAll('slow traces', (t) => traceDurationMs(t) > 500), expect.stringMatching(/^Expected `tail_sampling` to keep all 1 slow traces; it dropped 1, e.g. trace \w+ \(errors: NotSampled\)\.$/)],
  ])('fail with what was expected and what was found (%#)', (test, message) => {
    expect(outcome(test)).toEqual({ name: 'c', status: 'fail', message });
  });

  it('read an environment variable written either way the Collector expands it', () => {
    const withKey = (value: string) => config.replace('    endpoint: https://api.honeycomb.io\n', `    endpoint: https://api.honeycomb.io\n    headers: {x-honeycomb-team: "${value}"}\n`);
    const readsKey = ({ collector }: CollectorCheckContext) => collector.exporterSetting('otlp_http/honeycomb', 'headers.x-honeycomb-team').readsEnv('HONEYCOMB_API_KEY');
    expect(outcome(readsKey, withKey('${env:HONEYCOMB_API_KEY}')).status).toBe('pass');
    expect(outcome(readsKey, withKey('${HONEYCOMB_API_KEY}')).status).toBe('pass');
    expect(outcome(readsKey, withKey('hcaik_0123')).message).toBe(
      'Expected `headers.x-honeycomb-team` of exporter `otlp_http/honeycomb` to read the environment variable HONEYCOMB_API_KEY, written `${env:HONEYCOMB_API_KEY}`; it is "hcaik_0123".',
    );
    expect(outcome(readsKey, withKey('${env:HONEYCOMB_KEY}')).status).toBe('fail');
  });

  it('fail, naming the policy, when tail_sampling uses a policy type the engine does not implement', () => {
    const text = config.replace('type: status_code, status_code: {status_codes: [ERROR]}', 'type: rate_limiting, rate_limiting: {spans_per_second: 35}');
    const result = outcome(({ collector }) => collector.tailSampling().keepsAll('traces with an error', traceHasError), text);
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/^The `tail_sampling` processor cannot be run: line 8: policy `errors`: the `rate_limiting` policy is not supported .*supported policy types: always_sample, status_code/);
  });

  it('report a check that asserts nothing as a problem with the exercise', () => {
    expect(outcome(() => undefined).status).toBe('error');
  });
});
