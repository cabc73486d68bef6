/**
 * The tail sampling engine, on the policies of the Collector's own documentation: the example
 * configuration and the "practical example" of processor/tailsamplingprocessor/README.md in
 * opentelemetry-collector-contrib.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { combineDecisions } from '../../src/collector/tail-sampling/decision.ts';
import { fnv1a64, hashTraceId, maxUint64, samplingThreshold } from '../../src/collector/tail-sampling/fnv-hash.ts';
import { compileTailSampling, parseGoDuration, type TailSampler } from '../../src/collector/tail-sampling/tail-sampler.ts';
import type { TraceData } from '../../src/collector/tail-sampling/trace-data.ts';
import type { Attributes, SpanRecord, StatusCodeName } from '../../sandboxes/wire/span-record.ts';

const base = 1_700_000_000_000n; // ms

interface SpanSpec {
  startMs?: number;
  endMs: number;
  status?: StatusCodeName;
  attributes?: Attributes;
  resource?: Attributes;
}

let idCounter = 0;
function traceOf(spans: SpanSpec[], traceId?: string): TraceData {
  idCounter++;
  const id = traceId ?? idCounter.toString(16).padStart(32, '0');
  return {
    traceId: id,
    spans: spans.map((s, i): SpanRecord => ({
      traceId: id,
      spanId: (i + 1).toString(16).padStart(16, '0'),
      name: `span-${i}`,
      kind: 'INTERNAL',
      startTimeUnixNano: ((base + BigInt(s.startMs ?? 0)) * 1_000_000n).toString(),
      endTimeUnixNano: ((base + BigInt(s.endMs)) * 1_000_000n).toString(),
      attributes: s.attributes ?? {},
      events: [],
      links: [],
      status: { code: s.status ?? 'UNSET' },
      resource: s.resource ?? { 'service.name': 'shop' },
      scope: { name: 'test' },
    })),
  };
}

function sampler(yamlPolicies: string): TailSampler {
  const compiled = compileTailSampling(parse(yamlPolicies));
  expect(compiled.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return compiled.sampler!;
}

const kept = (s: TailSampler, traces: TraceData[]) => s.decide(traces).map((d) => d.sampled);

/** A deterministic stream of random trace ids (xorshift). */
function traceIds(count: number, seed = 1): string[] {
  let x = BigInt(seed);
  const next = () => {
    x ^= (x << 13n) & maxUint64;
    x ^= x >> 7n;
    x ^= (x << 17n) & maxUint64;
    return x;
  };
  return Array.from({ length: count }, () => next().toString(16).padStart(16, '0') + next().toString(16).padStart(16, '0'));
}

describe('status_code', () => {
  // README example: test-policy-5
  const s = sampler('policies: [{name: test-policy-5, type: status_code, status_code: {status_codes: [ERROR, UNSET]}}]');
  it('keeps a trace with any span whose status is listed', () => {
    expect(kept(s, [
      traceOf([{ endMs: 10, status: 'OK' }, { endMs: 5, status: 'ERROR' }]),
      traceOf([{ endMs: 10, status: 'OK' }, { endMs: 5, status: 'UNSET' }]),
      traceOf([{ endMs: 10, status: 'OK' }, { endMs: 5, status: 'OK' }]),
    ])).toEqual([true, true, false]);
  });
  it('rejects an unknown status code', () => {
    const compiled = compileTailSampling(parse('policies: [{name: p, type: status_code, status_code: {status_codes: [FAILED]}}]'));
    expect(compiled.sampler).toBeUndefined();
    expect(compiled.problems[0]?.message).toContain('unknown status code "FAILED", supported: OK, ERROR, UNSET');
  });
});

describe('latency', () => {
  // README example: test-policy-2
  const s = sampler('policies: [{name: test-policy-2, type: latency, latency: {threshold_ms: 5000, upper_threshold_ms: 10000}}]');
  it('keeps traces longer than threshold_ms and at most upper_threshold_ms', () => {
    expect(kept(s, [
      traceOf([{ endMs: 4000 }]),
      traceOf([{ endMs: 5000 }]),
      traceOf([{ endMs: 5001 }]),
      traceOf([{ endMs: 10_000 }]),
      traceOf([{ endMs: 10_500 }]),
    ])).toEqual([false, false, true, true, false]);
  });
  it('measures from the earliest start to the latest end of any span', () => {
    expect(kept(s, [traceOf([{ startMs: 1000, endMs: 3000 }, { startMs: 0, endMs: 100 }, { startMs: 5000, endMs: 7000 }])])).toEqual([true]);
  });
  it('without an upper bound keeps anything from threshold_ms up', () => {
    const open = sampler('policies: [{name: slow, type: latency, latency: {threshold_ms: 500}}]');
    expect(kept(open, [traceOf([{ endMs: 499 }]), traceOf([{ endMs: 500 }]), traceOf([{ endMs: 60_000 }])])).toEqual([false, true, true]);
  });
});

describe('probabilistic', () => {
  it('hashes with 64-bit FNV-1a (the published test vectors)', () => {
    expect(fnv1a64(new Uint8Array())).toBe(0xcbf29ce484222325n);
    expect(fnv1a64(new TextEncoder().encode('a'))).toBe(0xaf63dc4c8601ec8cn);
    expect(fnv1a64(new TextEncoder().encode('foobar'))).toBe(0x85944171f73967e8n);
  });
  it('hashes the salt, then the 16 bytes of the trace id', () => {
    const id = '0123456789abcdef0123456789abcdef';
    const bytes = [...new TextEncoder().encode('default-hash-seed'), ...id.match(/../g)!.map((h) => Number.parseInt(h, 16))];
    expect(hashTraceId('default-hash-seed', id)).toBe(fnv1a64(Uint8Array.from(bytes)));
  });
  it('computes the threshold as MaxUint64 times the ratio, clamped', () => {
    expect(samplingThreshold(0)).toBe(0n);
    expect(samplingThreshold(-0.5)).toBe(0n);
    expect(samplingThreshold(1.5)).toBe(maxUint64);
    expect(samplingThreshold(0.5)).toBe(maxUint64 / 2n);
    expect(samplingThreshold(0.25)).toBe(maxUint64 / 4n);
  });
  // README example: test-policy-4, and the processor's own test percentages
  it.each([[10, ''], [25, ''], [33, ''], [33, 'test-salt']])('keeps about %i percent of random traces (salt "%s")', (percentage, salt) => {
    const s = sampler(`policies: [{name: p, type: probabilistic, probabilistic: {sampling_percentage: ${percentage}, hash_salt: "${salt}"}}]`);
    const traces = traceIds(20_000).map((id) => traceOf([{ endMs: 1 }], id));
    const share = (kept(s, traces).filter(Boolean).length / traces.length) * 100;
    expect(Math.abs(share - percentage)).toBeLessThan(1);
  });
  it('gives the same trace the same decision every time, and another salt other decisions', () => {
    const traces = traceIds(2000, 7).map((id) => traceOf([{ endMs: 1 }], id));
    const a = sampler('policies: [{name: p, type: probabilistic, probabilistic: {sampling_percentage: 50}}]');
    const b = sampler('policies: [{name: p, type: probabilistic, probabilistic: {sampling_percentage: 50, hash_salt: other}}]');
    expect(kept(a, traces)).toEqual(kept(a, traces));
    expect(kept(a, traces)).not.toEqual(kept(b, traces));
  });
  it('keeps everything at 100% and nothing at 0%', () => {
    const traces = traceIds(500, 3).map((id) => traceOf([{ endMs: 1 }], id));
    expect(kept(sampler('policies: [{name: p, type: probabilistic, probabilistic: {sampling_percentage: 100}}]'), traces).every(Boolean)).toBe(true);
    expect(kept(sampler('policies: [{name: p, type: probabilistic, probabilistic: {sampling_percentage: 0}}]'), traces).some(Boolean)).toBe(false);
  });
});

describe('string_attribute', () => {
  it('matches exact values on span and resource attributes (test-policy-6)', () => {
    const s = sampler('policies: [{name: test-policy-6, type: string_attribute, string_attribute: {key: key2, values: [value1, value2]}}]');
    expect(kept(s, [
      traceOf([{ endMs: 1 }, { endMs: 1, attributes: { key2: 'value2' } }]),
      traceOf([{ endMs: 1, resource: { key2: 'value1' } }]),
      traceOf([{ endMs: 1, attributes: { key2: 'value3' } }]),
      traceOf([{ endMs: 1, attributes: { key2: 7 } }]),
    ])).toEqual([true, true, false, false]);
  });
  it('matches regular expressions anywhere in the value (test-policy-7)', () => {
    const s = sampler('policies: [{name: test-policy-7, type: string_attribute, string_attribute: {key: key2, values: [value1, val*], enabled_regex_matching: true, cache_max_size: 10}}]');
    expect(kept(s, [
      traceOf([{ endMs: 1, attributes: { key2: 'valley' } }]),
      traceOf([{ endMs: 1, attributes: { key2: 'my value1' } }]),
      traceOf([{ endMs: 1, attributes: { key2: 'other' } }]),
    ])).toEqual([true, true, false]);
  });
  it('reports an invalid regular expression', () => {
    const compiled = compileTailSampling(parse('policies: [{name: p, type: string_attribute, string_attribute: {key: k, values: ["(unclosed"], enabled_regex_matching: true}}]'));
    expect(compiled.sampler).toBeUndefined();
    expect(compiled.problems[0]?.message).toContain('is not a valid regular expression');
  });
  it('with invert_match at the top level, a match vetoes the trace even when another policy keeps it', () => {
    const s = sampler(`policies:
  - {name: errors, type: status_code, status_code: {status_codes: [ERROR]}}
  - {name: not-health, type: string_attribute, string_attribute: {key: url.path, values: [/health], invert_match: true}}
`);
    expect(s.decide([
      traceOf([{ endMs: 1, status: 'ERROR', attributes: { 'url.path': '/health' } }]),
      traceOf([{ endMs: 1, status: 'ERROR', attributes: { 'url.path': '/checkout' } }]),
      traceOf([{ endMs: 1, attributes: { 'url.path': '/checkout' } }]),
    ]).map((d) => [d.sampled, d.votes.map((v) => v.decision)])).toEqual([
      [false, ['Sampled', 'InvertNotSampled']],
      [true, ['Sampled', 'InvertSampled']],
      // an inverted "sample" vote keeps a trace only when no policy voted "not sample"
      [false, ['NotSampled', 'InvertSampled']],
    ]);
  });
});

describe('and', () => {
  // README practical example, rules 1, 2 and 4, with its placeholder list of the services that
  // use tail sampling ([list, of, services, using, tail_sampling]) filled in
  const practical = `policies:
  - name: backwards-compatibility-policy
    type: and
    and:
      and_sub_policy:
        - name: services-using-tail_sampling-policy
          type: string_attribute
          string_attribute: {key: service.name, values: [service-1, service-2, service-3], invert_match: true}
        - {name: sample-all-policy, type: always_sample}
  - name: team_a-probe
    type: and
    and:
      and_sub_policy:
        - {name: service-name-policy, type: string_attribute, string_attribute: {key: service.name, values: [service-1, service-2, service-3]}}
        - {name: route-live-ready-policy, type: string_attribute, string_attribute: {key: http.route, values: [/live, /ready], enabled_regex_matching: true}}
        - {name: probabilistic-policy, type: probabilistic, probabilistic: {sampling_percentage: 0.1}}
  - name: team_a-service-1
    type: and
    and:
      and_sub_policy:
        - {name: service-name-policy, type: string_attribute, string_attribute: {key: service.name, values: [service-1]}}
        - {name: route-name-policy, type: string_attribute, string_attribute: {key: http.route, values: [/v1/name/.+], enabled_regex_matching: true, invert_match: true}}
        - {name: probabilistic-policy, type: probabilistic, probabilistic: {sampling_percentage: 100}}
`;
  const s = sampler(practical);
  const span = (service: string, route: string) => ({ endMs: 1, resource: { 'service.name': service }, attributes: { 'http.route': route } });

  it('keeps every trace of a service not yet using tail sampling (rule 1)', () => {
    expect(kept(s, [traceOf([span('legacy', '/anything')])])).toEqual([true]);
  });
  it('keeps service-1 traces except its noisy endpoint (rule 4, an inverted sub-policy)', () => {
    const [other, noisy] = s.decide([traceOf([span('service-1', '/v1/orders')]), traceOf([span('service-1', '/v1/name/42')])]);
    expect(other?.sampled).toBe(true);
    expect(noisy?.sampled).toBe(false);
    expect(noisy?.votes.find((v) => v.policy === 'team_a-service-1')?.decision).toBe('NotSampled');
  });
  it('keeps about 0.1% of probes (rule 2): every sub-policy must sample', () => {
    const traces = traceIds(20_000, 11).map((id) => traceOf([span('service-2', '/live')], id));
    const count = kept(s, traces).filter(Boolean).length;
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(60);
  });
});

describe('composite', () => {
  // README example composite-policy-1, with its numeric_attribute sub-policy replaced by a
  // status_code one (numeric_attribute is not implemented): 50% of 1000 spans/s for errors, 25%
  // for key2 values, and the always_sample fallback that has no rate_allocation entry.
  const text = `policies:
  - name: composite-policy-1
    type: composite
    composite:
      max_total_spans_per_second: 1000
      policy_order: [test-composite-policy-1, test-composite-policy-2, test-composite-policy-3]
      composite_sub_policy:
        - {name: test-composite-policy-1, type: status_code, status_code: {status_codes: [ERROR]}}
        - {name: test-composite-policy-2, type: string_attribute, string_attribute: {key: key2, values: [value1, value2]}}
        - {name: test-composite-policy-3, type: always_sample}
      rate_allocation:
        - {policy: test-composite-policy-1, percent: 50}
        - {policy: test-composite-policy-2, percent: 25}
`;
  const hundredSpans = (spec: SpanSpec, startMs: number) => Array.from({ length: 100 }, () => ({ ...spec, startMs, endMs: startMs + 5 }));

  it('keeps what each sub-policy samples within its share of spans per second', () => {
    const s = sampler(text);
    const errors = Array.from({ length: 7 }, () => traceOf(hundredSpans({ endMs: 0, status: 'ERROR' }, 0)));
    const tagged = Array.from({ length: 4 }, () => traceOf(hundredSpans({ endMs: 0, attributes: { key2: 'value1' } }, 0)));
    const plain = traceOf(hundredSpans({ endMs: 0 }, 0));
    // 500 spans/s for errors (5 traces of 100), 250 for key2 (2 traces), none for the fallback
    expect(kept(s, [...errors, ...tagged, plain])).toEqual([true, true, true, true, true, false, false, true, true, false, false, false]);
  });
  it('starts counting again every second', () => {
    const s = sampler(text);
    const traces = [0, 0, 0, 1000, 1000, 1000].map((startMs) => traceOf(hundredSpans({ endMs: 0, attributes: { key2: 'value2' } }, startMs)));
    expect(kept(s, traces)).toEqual([true, true, false, true, true, false]);
  });
  it('warns that a sub-policy without a rate_allocation never samples', () => {
    const { problems } = compileTailSampling(parse(text));
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('sub-policy `test-composite-policy-3` has no `rate_allocation` entry, so it is allowed 0 spans per second'),
    ]);
  });
  it('rejects a policy_order or rate_allocation that names no sub-policy', () => {
    const { sampler: none, problems } = compileTailSampling(parse(text.replace('policy: test-composite-policy-2, percent', 'policy: test-composite-policy-9, percent')));
    expect(none).toBeUndefined();
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringContaining('`rate_allocation` names `test-composite-policy-9`'));
  });
});

describe('decisions across policies', () => {
  it('follows the README: drop, then inverted not-sample, then sample, then inverted sample', () => {
    expect(combineDecisions(['NotSampled', 'Sampled'])).toBe(true);
    expect(combineDecisions(['Sampled', 'Dropped'])).toBe(false);
    expect(combineDecisions(['Sampled', 'InvertNotSampled'])).toBe(false);
    expect(combineDecisions(['InvertSampled'])).toBe(true);
    expect(combineDecisions(['InvertSampled', 'NotSampled'])).toBe(false);
    expect(combineDecisions(['NotSampled'])).toBe(false);
    expect(combineDecisions([])).toBe(false);
  });
  it('keeps a trace when any policy samples it: errors, slow traces, a percentage of the rest', () => {
    const s = sampler(`decision_wait: 10s
policies:
  - {name: errors, type: status_code, status_code: {status_codes: [ERROR]}}
  - {name: slow, type: latency, latency: {threshold_ms: 500}}
  - {name: some, type: probabilistic, probabilistic: {sampling_percentage: 0}}
`);
    expect(s.decisionWaitMs).toBe(10_000);
    expect(kept(s, [traceOf([{ endMs: 20, status: 'ERROR' }]), traceOf([{ endMs: 900 }]), traceOf([{ endMs: 20 }])])).toEqual([true, true, false]);
  });
  it('stops at the first sampling policy with sample_on_first_match', () => {
    const s = sampler(`sample_on_first_match: true
policies:
  - {name: all, type: always_sample}
  - {name: errors, type: status_code, status_code: {status_codes: [ERROR]}}
`);
    expect(s.decide([traceOf([{ endMs: 1 }])])[0]?.votes).toEqual([{ policy: 'all', decision: 'Sampled' }]);
  });
});

describe('configuration problems', () => {
  it('refuses an unsupported policy type, naming it and the supported ones (the README example config)', () => {
    const compiled = compileTailSampling(parse(`policies:
  - {name: test-policy-1, type: always_sample}
  - {name: test-policy-3, type: numeric_attribute, numeric_attribute: {key: key1, min_value: 50, max_value: 100}}
`));
    expect(compiled.sampler).toBeUndefined();
    expect(compiled.problems.map((p) => p.message)).toEqual([
      'policy `test-policy-3`: the `numeric_attribute` policy is not supported by the course\'s tail sampling engine, so it cannot say what this configuration keeps; supported policy types: always_sample, status_code, latency, probabilistic, string_attribute, and, composite',
    ]);
  });
  it('names the nearest policy type for a misspelt one, and misplaced settings', () => {
    const { problems } = compileTailSampling(parse(`policies:
  - {name: a, type: status_cod, status_code: {status_codes: [ERROR]}}
  - {name: b, type: latency, probabilistic: {sampling_percentage: 5}}
`));
    expect(problems.map((p) => p.message)).toEqual([
      'policy `a`: unknown policy type `status_cod`; did you mean `status_code`?',
      'policy `b`: unexpected key `probabilistic`; the settings must be under `latency:` to match `type: latency`',
    ]);
  });
  it('requires policies and unique names', () => {
    expect(compileTailSampling(parse('decision_wait: 10s')).problems[0]?.message).toContain('needs a list of policies');
    expect(compileTailSampling(parse('policies: [{name: a, type: always_sample}, {name: a, type: always_sample}]')).problems[0]?.message).toContain('two policies are named `a`');
  });
  it('reads Go durations', () => {
    expect(parseGoDuration('10s')).toBe(10_000);
    expect(parseGoDuration('1m30s')).toBe(90_000);
    expect(parseGoDuration('500ms')).toBe(500);
    expect(parseGoDuration('10')).toBeUndefined();
  });
});
