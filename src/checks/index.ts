/**
 * The check library: what an exercise's `checks.ts` imports (as `#checks`), and the runner the
 * page and the grader call. The contract is README.md beside this file.
 */

export { check, defineChecks, type Check } from './define.ts';
export type { CheckContext, TraceAssert } from './context.ts';
export type { SpanAssert, AttributeType, ExpectedException } from './span-assert.ts';
export type { SpanSet } from './span-set.ts';
export type { SpanQuery, SpanSelector } from './span-query.ts';
export type { OutputAssert } from './output.ts';
export { parseTraceparent, type Traceparent, type TraceparentAssert, type TraceparentParse } from './traceparent.ts';
export { otlpDifference } from './otlp-difference.ts';
export { exporterRequest } from './otlp-reference.ts';
export { ratioSamplerKeeps, samplingVerdict, type SamplingExpectation, type SamplingVerdict } from './sampling.ts';
export { is, header, type Guard, type GuardedType } from './extras.ts';
export { CheckFailure, isCheckFailure } from './failure.ts';
export { runChecks } from './runner.ts';
export type { CheckRun, Extras, RunData } from './run-data.ts';
export type { CheckResult, CheckResults, CheckStatus } from './results.ts';
export {
  collectorCheck,
  defineCollectorChecks,
  traceDurationMs,
  traceHasError,
  type CollectorCheck,
  type CollectorCheckContext,
  type TraceData,
} from '../collector/checks/define.ts';
export {
  defineTraceReading,
  type NumberQuestion,
  type Question,
  type SpanQuestion,
  type SpanSetQuestion,
  type TraceReading,
} from '../trace-reading/define.ts';
export { createTrace, type SpanSpec, type TraceBuilder } from '../trace-reading/trace-builder.ts';
export { createTraffic, type Traffic } from '../collector/checks/traffic.ts';
export { randomHex, seededRandom } from '../../sandboxes/wire/seeded-random.ts';
export { durationMs, durationNanos, type SpanEventRecord, type SpanLinkRecord, type SpanRecord } from '../../sandboxes/wire/span-record.ts';
