/**
 * Builds the trace model from span records: groups them by trace, names each service once, puts
 * times on each trace's own axis, then links every trace's tree (`trace-linking.ts`).
 */
import type { SpanRecord } from '../../sandboxes/wire/span-record.ts';
import { runSteps, UNKNOWN_SERVICE, type SpanNode, type Steps, type TraceModel, type TraceView } from './model.ts';
import { finishTrace, NO_CHILDREN, type TraceAccumulator } from './trace-linking.ts';

const NANOS_DIGITS = 9;

/** Whole seconds of a decimal Unix-nanosecond string. */
function secondsOf(text: string): number {
  const cut = text.length - NANOS_DIGITS;
  const seconds = cut > 0 ? Number(text.slice(0, cut)) : 0;
  return Number.isFinite(seconds) ? seconds : 0;
}

/**
 * Milliseconds since `baseSeconds`: subtracting whole seconds first keeps the nanosecond
 * precision that a plain `Number(unixNanos)` (about 1.8e18, past 2^53) would lose.
 */
function offsetMs(text: string, baseSeconds: number): number {
  const cut = text.length - NANOS_DIGITS;
  const seconds = cut > 0 ? Number(text.slice(0, cut)) : 0;
  const nanos = Number(cut > 0 ? text.slice(cut) : text);
  const ms = (seconds - baseSeconds) * 1000 + nanos / 1e6;
  return Number.isFinite(ms) ? ms : 0;
}


/**
 * Builds a model from records that arrive in batches (a big import streams them from a Worker):
 * `add` does the per-record work as batches come, `finish` links the trees. The records are kept
 * by reference and must not change afterwards.
 */
export class TraceModelBuilder {
  private readonly services: string[] = [];
  private readonly serviceIndex = new Map<string, number>();
  private readonly traces = new Map<string, TraceAccumulator>();
  private baseSeconds: number | undefined;
  private count = 0;

  add(records: readonly SpanRecord[]): void {
    for (const record of records) this.addOne(record);
  }

  private addOne(record: SpanRecord): void {
    const base = (this.baseSeconds ??= secondsOf(record.startTimeUnixNano));
    const serviceName = record.resource['service.name'];
    const service = typeof serviceName === 'string' && serviceName !== '' ? serviceName : UNKNOWN_SERVICE;
    let serviceIndex = this.serviceIndex.get(service);
    if (serviceIndex === undefined) {
      serviceIndex = this.services.length;
      this.serviceIndex.set(service, serviceIndex);
      this.services.push(service);
    }
    let trace = this.traces.get(record.traceId);
    if (trace === undefined) {
      trace = { traceId: record.traceId, nodes: [], byId: new Map(), reused: undefined, startAbs: Infinity, endAbs: -Infinity, startRecord: undefined };
      this.traces.set(record.traceId, trace);
    }
    const startAbs = offsetMs(record.startTimeUnixNano, base);
    const unfinished = record.endTimeUnixNano === undefined;
    const endAbs = unfinished ? startAbs : offsetMs(record.endTimeUnixNano!, base);
    if (startAbs < trace.startAbs) {
      trace.startAbs = startAbs;
      trace.startRecord = record;
    }
    if (endAbs > trace.endAbs) trace.endAbs = endAbs;

    // The first span with an id owns it (children attach to it); later ones get `id~2`, `id~3`.
    const first = trace.byId.get(record.spanId);
    let key = record.spanId;
    if (first !== undefined) {
      trace.reused ??= new Map();
      const uses = (trace.reused.get(key) ?? 1) + 1;
      trace.reused.set(key, uses);
      first.duplicateId = true;
      key = `${key}~${uses}`;
    }
    const node: SpanNode = {
      kind: 'span',
      index: -1,
      record,
      key,
      parent: undefined,
      children: NO_CHILDREN,
      depth: 0,
      descendantCount: 0,
      position: 1,
      siblingCount: 1,
      // Absolute (from baseSeconds) until `finish` knows where the trace starts.
      startMs: startAbs,
      endMs: endAbs,
      durationMs: unfinished ? undefined : endAbs - startAbs,
      service,
      serviceIndex,
      status: record.status.code,
      isError: record.status.code === 'ERROR',
      unfinished,
      orphan: false,
      duplicateId: first !== undefined,
      startsBeforeParent: false,
      endsAfterParent: false,
    };
    trace.nodes.push(node);
    if (first === undefined) trace.byId.set(record.spanId, node);
    this.count++;
  }

  finish(): TraceModel {
    return runSteps(this.finishSteps());
  }

  /** `finish` as steps, for `runStepsInTasks`. */
  *finishSteps(): Steps<TraceModel> {
    const built: Array<{ view: TraceView; startAbs: number }> = [];
    for (const trace of this.traces.values()) built.push({ view: yield* finishTrace(trace), startAbs: trace.startAbs });
    built.sort((a, b) => a.startAbs - b.startAbs);
    return { traces: built.map((b) => b.view), services: this.services, spanCount: this.count };
  }
}

/** Builds the model of every trace in `spans` (ended) and `unfinished` (never ended). */
export function buildTraceModel(spans: readonly SpanRecord[], unfinished: readonly SpanRecord[] = []): TraceModel {
  const builder = new TraceModelBuilder();
  builder.add(spans);
  builder.add(unfinished);
  return builder.finish();
}
