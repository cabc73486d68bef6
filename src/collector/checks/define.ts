/**
 * What a Collector-configuration exercise's `checks.ts` writes: checks over the learner's YAML,
 * with the traces the exercise runs through its `tail_sampling` policies. Types only and small
 * functions, so that `#checks` stays light; the runner (runner.ts) does the reading.
 */
import type { SpanRecord } from '../../../sandboxes/wire/span-record.ts';
import type { CollectorConfig } from '../config-model.ts';
import type { TraceData } from '../tail-sampling/trace-data.ts';

export type { TraceData } from '../tail-sampling/trace-data.ts';

/** A component by id (`otlp_grpc/tempo`) or by type (`otlp_grpc`, which also matches `otlp`). */
export type ComponentRef = string;

export interface PipelineAssert {
  readonly id: string;
  receivesFrom(ref: ComponentRef): PipelineAssert;
  processesWith(ref: ComponentRef): PipelineAssert;
  doesNotProcessWith(ref: ComponentRef): PipelineAssert;
  /** `ref` is the first processor of the pipeline. */
  processesFirstWith(ref: ComponentRef): PipelineAssert;
  exportsTo(ref: ComponentRef): PipelineAssert;
}

export interface LoadBalancerAssert {
  /** `routing_key` is `key` (`traceID` when not configured). */
  routesBy(key: string): LoadBalancerAssert;
  /** The resolver lists at least `count` backends. */
  hasBackends(count?: number): LoadBalancerAssert;
}

export interface BatchingAssert {
  /** `sending_queue.batch` is configured and the queue is on. */
  isEnabled(): BatchingAssert;
  flushTimeoutAtMost(ms: number): BatchingAssert;
}

export interface TailSamplingAssert {
  /** Every trace `which` selects is kept; `description` names them for the learner. */
  keepsAll(description: string, which: (trace: TraceData) => boolean): TailSamplingAssert;
  /** Between `minPercent` and `maxPercent` of the traces `which` selects are kept. */
  keepsShareOf(description: string, which: (trace: TraceData) => boolean, minPercent: number, maxPercent: number): TailSamplingAssert;
  /** The same trace gets the same decision on a second run (no state, no randomness). */
  decidesConsistently(): TailSamplingAssert;
}

export interface SettingAssert {
  equals(expected: unknown): SettingAssert;
  /** The setting is a string that contains `text`. */
  includes(text: string): SettingAssert;
  /**
   * The setting is a string that reads environment variable `name` when the Collector starts:
   * `${env:NAME}`, or `${NAME}`, which the Collector reads with its default scheme, `env`.
   */
  readsEnv(name: string): SettingAssert;
}

export interface CollectorAssert {
  /** The configuration has no error: the Collector would start with it. */
  isValid(): void;
  receiver(ref: ComponentRef): void;
  processor(ref: ComponentRef): void;
  exporter(ref: ComponentRef): void;
  pipeline(id: string): PipelineAssert;
  /** The one pipeline that exports to `ref`. */
  pipelineExportingTo(ref: ComponentRef): PipelineAssert;
  /** The one pipeline that processes with `ref`. */
  pipelineProcessingWith(ref: ComponentRef): PipelineAssert;
  /** A setting of an exporter, by a dotted key path: `exporterSetting('otlp_grpc/jaeger', 'tls.insecure')`. */
  exporterSetting(ref: ComponentRef, key: string): SettingAssert;
  loadBalancer(ref?: ComponentRef): LoadBalancerAssert;
  batching(exporter: ComponentRef): BatchingAssert;
  tailSampling(ref?: ComponentRef): TailSamplingAssert;
}

export interface CollectorCheckContext {
  /** The configuration as read. */
  readonly config: CollectorConfig;
  readonly collector: CollectorAssert;
  /** The exercise's traces. */
  readonly traces: readonly TraceData[];
}

export interface CollectorCheck {
  readonly kind: 'collector-config';
  readonly title: string;
  readonly test: (t: CollectorCheckContext) => unknown;
  readonly traces: readonly TraceData[];
}

/** A check of a Collector configuration: `collectorCheck('Errors are kept', ({ collector }) => ...)`. */
export function collectorCheck(title: string, test: (t: CollectorCheckContext) => void): Omit<CollectorCheck, 'traces'> {
  return { kind: 'collector-config', title, test };
}

/**
 * A Collector exercise's checks, in the order the learner sees them, with the traces its
 * `tail_sampling` checks run through: the default export of `checks.ts`.
 */
export function defineCollectorChecks(checks: ReadonlyArray<Omit<CollectorCheck, 'traces'>>, options: { traces?: readonly TraceData[] } = {}): readonly CollectorCheck[] {
  if (!Array.isArray(checks) || checks.length === 0) throw new Error('defineCollectorChecks: give at least one check.');
  const seen = new Set<string>();
  const traces = Object.freeze([...(options.traces ?? [])]);
  return Object.freeze(
    checks.map((c, i) => {
      if (c?.kind !== 'collector-config' || typeof c.test !== 'function') throw new Error(`defineCollectorChecks: item ${i + 1} is not a check; write collectorCheck('title', (t) => ...).`);
      if (seen.has(c.title)) throw new Error(`defineCollectorChecks: two checks are titled "${c.title}"; titles must be unique.`);
      seen.add(c.title);
      return Object.freeze({ ...c, traces });
    }),
  );
}

export function isCollectorChecks(value: unknown): value is readonly CollectorCheck[] {
  return Array.isArray(value) && value.length > 0 && value.every((c) => (c as { kind?: unknown })?.kind === 'collector-config');
}

/** Whether any span of the trace has status ERROR. */
export function traceHasError(trace: TraceData): boolean {
  return trace.spans.some((span) => span.status.code === 'ERROR');
}

/** From the earliest start to the latest end of the trace's spans, in milliseconds. */
export function traceDurationMs(trace: TraceData): number {
  let min: bigint | undefined;
  let max: bigint | undefined;
  for (const span of trace.spans) {
    const start = BigInt(span.startTimeUnixNano);
    const end = BigInt(span.endTimeUnixNano ?? span.startTimeUnixNano);
    if (min === undefined || start < min) min = start;
    if (max === undefined || end > max) max = end;
  }
  return min === undefined || max === undefined ? 0 : Number(max - min) / 1e6;
}

export type { SpanRecord };
