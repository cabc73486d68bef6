import { describe, expect, it } from 'vitest';
import { exporterBatching, loadBalancingRouting } from '../../src/collector/exporter-settings.ts';
import { parseCollectorConfig } from '../../src/collector/parse-config.ts';

const withExporter = (exporter: string, pipelines = '    traces: {receivers: [otlp], exporters: [x]}') =>
  parseCollectorConfig(`receivers: {otlp: }\nexporters:\n${exporter}\nservice:\n  pipelines:\n${pipelines}\n`);

describe('load_balancing exporter routing', () => {
  // the exporter README's "simple example", routing by trace id instead of service
  const lb = (routing: string) => withExporter(`  load_balancing:
${routing}    protocol:
      otlp:
        timeout: 1s
    resolver:
      static:
        hostnames: [backend-1:4317, backend-2:4317]`, '    traces: {receivers: [otlp], exporters: [load_balancing]}');

  it('routes by trace id by default, to the static backends', () => {
    const routing = loadBalancingRouting(lb(''), 'load_balancing');
    expect(routing).toMatchObject({ routingKey: 'traceID', resolver: 'static', backends: ['backend-1:4317', 'backend-2:4317'], problems: [] });
  });
  it('reads routing_key and names the nearest valid one', () => {
    expect(loadBalancingRouting(lb('    routing_key: service\n'), 'load_balancing').routingKey).toBe('service');
    const problems = loadBalancingRouting(lb('    routing_key: traceid\n'), 'load_balancing').problems;
    expect(problems[0]).toMatchObject({ line: 4, message: expect.stringContaining('did you mean `traceID`?') });
  });
  it('requires a resolver and the OTLP protocol settings', () => {
    const parsed = withExporter('  loadbalancing/tier1:\n    routing_key: traceID', '    traces: {receivers: [otlp], exporters: [loadbalancing/tier1]}');
    expect(loadBalancingRouting(parsed, 'loadbalancing/tier1').problems.map((p) => p.message)).toEqual([
      expect.stringContaining('needs `protocol: {otlp: ...}`'),
      expect.stringContaining('needs a `resolver`'),
    ]);
  });
});

describe('exporter-side batching', () => {
  it('is off without sending_queue.batch, and on with the documented defaults for `batch: {}`', () => {
    expect(exporterBatching(withExporter('  otlp_http:\n    endpoint: http://tempo:4318'), 'otlp_http').batch).toBeUndefined();
    const parsed = withExporter('  otlp_http:\n    endpoint: http://tempo:4318\n    sending_queue:\n      batch: {}');
    expect(exporterBatching(parsed, 'otlp_http')).toMatchObject({ queueEnabled: true, batch: { flushTimeoutMs: 200, minSize: 8192, maxSize: 0, sizer: 'items' }, problems: [] });
  });
  it('reads the batch settings and takes the queue sizer when the batch has none', () => {
    const parsed = withExporter('  otlp_http:\n    sending_queue:\n      sizer: bytes\n      batch:\n        flush_timeout: 1s\n        min_size: 1000\n        max_size: 5000');
    expect(exporterBatching(parsed, 'otlp_http').batch).toEqual({ flushTimeoutMs: 1000, minSize: 1000, maxSize: 5000, sizer: 'bytes' });
  });
  it('reports batch settings in the wrong place or out of range', () => {
    const misplaced = withExporter('  otlp_http:\n    batch: {}');
    expect(exporterBatching(misplaced, 'otlp_http').problems[0]).toMatchObject({ line: 4, message: expect.stringContaining('goes inside `sending_queue`') });
    const bad = withExporter('  otlp_http:\n    sending_queue:\n      enabled: false\n      batch: {min_size: 100, max_size: 10, flush_timout: 1s}');
    expect(exporterBatching(bad, 'otlp_http').problems.map((p) => p.message)).toEqual([
      expect.stringContaining('`flush_timout` is not a batch setting; did you mean `flush_timeout`?'),
      expect.stringContaining('`max_size` (10) must be at least `min_size` (100)'),
      expect.stringContaining('turns off'),
    ]);
  });
});
