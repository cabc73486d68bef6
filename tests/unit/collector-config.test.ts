import { describe, expect, it } from 'vitest';
import { parseCollectorConfig, parseComponentId } from '../../src/collector/parse-config.ts';

const errors = (text: string) => parseCollectorConfig(text).problems.filter((p) => p.severity === 'error');
const warnings = (text: string) => parseCollectorConfig(text).problems.filter((p) => p.severity === 'warning');

const valid = `receivers:
  otlp:
    protocols:
      grpc:
exporters:
  debug:
  otlp_http/tempo:
    endpoint: http://tempo:4318
service:
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [debug, otlp_http/tempo]
`;

describe('Collector configuration structure', () => {
  it('reads a valid configuration without problems', () => {
    const parsed = parseCollectorConfig(valid);
    expect(parsed.problems).toEqual([]);
    expect(parsed.config?.service.pipelines).toEqual([
      { id: 'traces', signal: 'traces', receivers: ['otlp'], processors: [], exporters: ['debug', 'otlp_http/tempo'] },
    ]);
    expect(parsed.config?.exporters['otlp_http/tempo']).toEqual({ endpoint: 'http://tempo:4318' });
  });

  it('merges `<<: *anchor` keys, as the Collector\'s YAML reader does', () => {
    const text = valid.replace('  otlp_http/tempo:\n    endpoint: http://tempo:4318', '  otlp_http/tempo: &tempo\n    endpoint: http://tempo:4318\n  otlp_http/backup:\n    <<: *tempo\n    timeout: 5s');
    const parsed = parseCollectorConfig(text.replace('[debug, otlp_http/tempo]', '[debug, otlp_http/tempo, otlp_http/backup]'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.config?.exporters['otlp_http/backup']).toEqual({ endpoint: 'http://tempo:4318', timeout: '5s' });
  });

  it('reports a YAML syntax error at its line and column', () => {
    const problems = errors('receivers:\n  otlp:\n    protocols: grpc: {}\nservice: {}\n');
    expect(problems[0]).toMatchObject({ line: 3, column: 16, message: expect.stringContaining('YAML syntax') });
  });

  it('names the nearest real component type for a misspelt one', () => {
    const problems = errors(valid.replace('exporters:\n  debug:', 'processors:\n  tail_samplng:\nexporters:\n  debug:'));
    expect(problems).toContainEqual(expect.objectContaining({ line: 6, column: 3, message: 'unknown processor type `tail_samplng`; did you mean `tail_sampling`?' }));
  });

  it('says when a type belongs to another kind of component', () => {
    const problems = errors(valid.replace('  debug:\n', '  debug:\n  batch:\n'));
    expect(problems.map((p) => p.message)).toContain('`batch` is a processor, not an exporter: define it under `processors:`');
  });

  it('names what replaced a removed component', () => {
    expect(errors(valid.replace('  debug:\n', '  debug:\n  jaeger:\n')).map((p) => p.message)).toEqual([expect.stringContaining('the `jaeger` exporter was removed in 2023')]);
  });

  it('reports a pipeline reference to an undefined component at its list item', () => {
    const problems = errors(valid.replace('exporters: [debug, otlp_http/tempo]', 'exporters: [debug, otlp_http/temp]'));
    expect(problems).toContainEqual(expect.objectContaining({
      line: 13,
      path: 'service.pipelines.traces.exporters[1]',
      message: expect.stringMatching(/`otlp_http\/temp`, which is not defined .*did you mean `otlp_http\/tempo`/),
    }));
  });

  it('warns about a component defined but never used', () => {
    expect(warnings(valid.replace('  debug:\n', '  debug:\n  file:\n')).map((p) => p.message)).toEqual(['exporter `file` is defined but no pipeline uses it']);
  });

  it('requires receivers and exporters in every pipeline, and at least one pipeline', () => {
    expect(errors(valid.replace('      exporters: [debug, otlp_http/tempo]\n', '')).map((p) => p.message)).toContain('pipeline `traces` must have at least one exporter');
    expect(errors('receivers: {otlp: }\nservice:\n  pipelines: {}\n').map((p) => p.message)).toContainEqual(expect.stringContaining('at least one pipeline'));
  });

  it('checks pipeline ids and unknown sections', () => {
    const problems = errors(valid.replace('    traces:', '    trace/gateway:').replace('service:', 'servce: {}\nservice:'));
    expect(problems.map((p) => p.message)).toEqual([
      '`servce` is not a section of a Collector configuration; did you mean `service`?',
      expect.stringMatching(/^`trace\/gateway` is not a pipeline id.*did you mean `traces`/),
    ]);
  });

  it('requires a connector to be exported to and received from', () => {
    const text = `receivers: {otlp: }
exporters: {debug: }
connectors: {spanmetrics: }
service:
  pipelines:
    traces: {receivers: [otlp], exporters: [spanmetrics]}
`;
    expect(errors(text).map((p) => p.message)).toEqual(['connector `spanmetrics` is used as an exporter but no pipeline receives from it']);
  });

  it('warns about an old component name that new releases still accept', () => {
    const text = valid.replace('  debug:\n', '  debug:\n  loadbalancing/tier1:\n').replace('exporters: [debug,', 'exporters: [loadbalancing/tier1, debug,');
    expect(errors(text)).toEqual([]);
    expect(warnings(text).map((p) => p.message)).toEqual([expect.stringContaining('`loadbalancing` is the old name of the `load_balancing` exporter')]);
  });

  it('splits component ids into type and name', () => {
    expect(parseComponentId('otlp/gateway-1')).toEqual({ id: 'otlp/gateway-1', type: 'otlp', name: 'gateway-1' });
    expect(parseComponentId('1otlp')).toBeUndefined();
    expect(parseComponentId('otlp/a b')).toBeUndefined();
  });
});
