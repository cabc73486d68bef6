/**
 * Runs traces through a `tail_sampling` processor's configuration and says which it keeps, and
 * which policy voted what. Decisions follow the processor's code and README (see decision.ts and
 * policies.ts); what a real Collector adds in time (decision_wait, memory limits, late spans) is
 * reduced to one rule: a trace's decision is made `decision_wait` after its earliest span started,
 * and traces are decided in that order (it matters only to the composite policy's per-second
 * budgets).
 */
import { didYouMean } from '../../course/suggest.ts';
import type { ConfigProblem } from '../config-model.ts';
import { formatPath, type ConfigSource, type KeyPath } from '../config-source.ts';
import { combineDecisions, type Decision } from './decision.ts';
import { PolicyBuilder, type PolicySpec } from './policies.ts';
import type { TraceData } from './trace-data.ts';

export interface PolicyVote {
  policy: string;
  decision: Decision;
}

export interface TraceDecision {
  traceId: string;
  sampled: boolean;
  spanCount: number;
  /** Each top-level policy's vote, in configuration order (cut short by `sample_on_first_match`). */
  votes: PolicyVote[];
}

export interface TailSampler {
  policies: ReadonlyArray<Pick<PolicySpec, 'name' | 'type'>>;
  decisionWaitMs: number;
  /** Decides every trace; each call starts with fresh policy state. */
  decide(traces: readonly TraceData[]): TraceDecision[];
}

export interface CompiledTailSampling {
  /** Absent when the configuration has an error: the engine never guesses. */
  sampler?: TailSampler;
  problems: ConfigProblem[];
}

const processorKeys = [
  'decision_wait', 'num_traces', 'expected_new_traces_per_sec', 'decision_cache', 'policies',
  'sample_on_first_match', 'drop_pending_traces_on_shutdown', 'block_on_overflow', 'maximum_trace_size_bytes',
] as const;

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A Go duration string (`10s`, `500ms`, `1m30s`) in milliseconds, or undefined. */
export function parseGoDuration(text: string): number | undefined {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]!]!, 0);
}

/**
 * Builds a sampler from the settings of a `tail_sampling` processor (the mapping under its id).
 * `at` places problems at their line: the configuration's source and the processor's key path.
 */
export function compileTailSampling(settings: unknown, at?: { source: ConfigSource; path: KeyPath }): CompiledTailSampling {
  const base = at?.path ?? [];
  const toProblem = (severity: ConfigProblem['severity'], path: KeyPath, message: string): ConfigProblem =>
    at ? at.source.problem(severity, path, message) : { severity, message, path: formatPath(path) };
  if (!isRecord(settings)) {
    return { problems: [toProblem('error', base, 'the `tail_sampling` processor needs `policies:`')] };
  }
  const problems: ConfigProblem[] = [];
  for (const key of Object.keys(settings)) {
    if (!(processorKeys as readonly string[]).includes(key)) problems.push(toProblem('warning', [...base, key], `\`${key}\` is not a setting of the \`tail_sampling\` processor${didYouMean(key, processorKeys)}`));
  }
  let decisionWaitMs = 30_000;
  const wait = settings['decision_wait'];
  if (wait !== undefined && wait !== null) {
    const ms = typeof wait === 'string' ? parseGoDuration(wait) : undefined;
    if (ms === undefined) problems.push(toProblem('error', [...base, 'decision_wait'], `\`decision_wait\` is a duration such as \`10s\`, found ${JSON.stringify(wait)}`));
    else decisionWaitMs = ms;
  }
  const builder = new PolicyBuilder();
  const specs = builder.list(settings['policies'], [...base, 'policies'], 'top');
  problems.push(...builder.problems.map((p) => toProblem(p.severity, p.path, p.message)));
  if (problems.some((p) => p.severity === 'error')) return { problems };

  const firstMatch = settings['sample_on_first_match'] === true;
  const sampler: TailSampler = {
    policies: specs.map(({ name, type }) => ({ name, type })),
    decisionWaitMs,
    decide(traces) {
      const evaluators = specs.map((spec) => ({ name: spec.name, evaluator: spec.create() }));
      const waitNanos = BigInt(Math.round(decisionWaitMs * 1e6));
      const timed = traces.map((trace, index) => {
        const starts = trace.spans.map((s) => BigInt(s.startTimeUnixNano));
        const earliest = starts.reduce((a, b) => (b < a ? b : a), starts[0] ?? 0n);
        return { trace, index, decideAt: earliest + waitNanos };
      });
      const order = [...timed].sort((a, b) => (a.decideAt < b.decideAt ? -1 : a.decideAt > b.decideAt ? 1 : a.index - b.index));
      const results = new Array<TraceDecision>(traces.length);
      for (const { trace, index, decideAt } of order) {
        const time = { second: Number(decideAt / 1_000_000_000n) };
        const votes: PolicyVote[] = [];
        for (const { name, evaluator } of evaluators) {
          const decision = evaluator.evaluate(trace, time);
          votes.push({ policy: name, decision });
          if (firstMatch && decision === 'Sampled') break;
        }
        results[index] = { traceId: trace.traceId, sampled: combineDecisions(votes.map((v) => v.decision)), spanCount: trace.spans.length, votes };
      }
      return results;
    },
  };
  return { sampler, problems };
}
