import { CheckState } from '../../checks/check-state.ts';
import { currentType } from '../component-types.ts';
import type { ComponentSection, ConfigProblem, PipelineConfig } from '../config-model.ts';
import { exporterBatching, loadBalancingRouting } from '../exporter-settings.ts';
import { parseComponentId, type ParsedCollectorConfig } from '../parse-config.ts';
import { compileTailSampling, type TraceDecision } from '../tail-sampling/tail-sampler.ts';
import type { TraceData } from '../tail-sampling/trace-data.ts';
import type { BatchingAssert, SettingAssert, CollectorAssert, CollectorCheckContext, ComponentRef, LoadBalancerAssert, PipelineAssert, TailSamplingAssert } from './define.ts';

const kindOfSection = { receivers: 'receiver', processors: 'processor', exporters: 'exporter', connectors: 'connector', extensions: 'extension' } as const;

/** `line 12: message` */
export function describeProblem(problem: ConfigProblem): string {
  return problem.line === undefined ? problem.message : `line ${problem.line}: ${problem.message}`;
}

/** Whether component id `id` is what `ref` names: the same id, or the same (current) type. */
function matches(section: ComponentSection, id: string, ref: ComponentRef): boolean {
  if (id === ref) return true;
  if (ref.includes('/')) return false;
  const type = parseComponentId(id)?.type;
  const kind = kindOfSection[section];
  return type !== undefined && currentType(kind, type) === currentType(kind, ref);
}

const list = (items: readonly string[]) => (items.length === 0 ? 'none' : items.map((i) => `\`${i}\``).join(', '));

/** Assertions about one pipeline's receivers, processors and exporters. */
function pipelineAssert(pipeline: PipelineConfig, state: CheckState): PipelineAssert {
  const has = (which: 'receivers' | 'processors' | 'exporters', ref: ComponentRef) =>
    pipeline[which].some((id) => matches(which, id, ref) || (which !== 'processors' && matches('connectors', id, ref)));
  const self: PipelineAssert = {
    id: pipeline.id,
    receivesFrom(ref) {
      state.expect(has('receivers', ref), () => `Expected pipeline \`${pipeline.id}\` to receive from \`${ref}\`; its receivers: ${list(pipeline.receivers)}.`);
      return self;
    },
    processesWith(ref) {
      state.expect(has('processors', ref), () => `Expected pipeline \`${pipeline.id}\` to run the processor \`${ref}\`; its processors: ${list(pipeline.processors)}.`);
      return self;
    },
    doesNotProcessWith(ref) {
      state.expect(!has('processors', ref), () => `Expected pipeline \`${pipeline.id}\` not to run \`${ref}\`; its processors: ${list(pipeline.processors)}.`);
      return self;
    },
    processesFirstWith(ref) {
      const first = pipeline.processors[0];
      state.expect(first !== undefined && matches('processors', first, ref), () => `Expected \`${ref}\` to be the first processor of pipeline \`${pipeline.id}\`; its processors: ${list(pipeline.processors)}.`);
      return self;
    },
    exportsTo(ref) {
      state.expect(has('exporters', ref), () => `Expected pipeline \`${pipeline.id}\` to export to \`${ref}\`; its exporters: ${list(pipeline.exporters)}.`);
      return self;
    },
  };
  return self;
}

/** Assertions about what a `tail_sampling` processor keeps of the exercise's traces. */
function tailSamplingAssert(id: string, decisions: () => TraceDecision[], config: NonNullable<ParsedCollectorConfig['config']>, traces: readonly TraceData[], state: CheckState): TailSamplingAssert {
  const self: TailSamplingAssert = {
    keepsAll(description, which) {
      const results = decisions();
      const selected = traces.map((t, i) => ({ trace: t, decision: results[i]! })).filter(({ trace }) => which(trace));
      const dropped = selected.filter(({ decision }) => !decision.sampled);
      state.expect(selected.length > 0 && dropped.length === 0, () =>
        selected.length === 0
          ? `The exercise's traces have no ${description}; this is a problem with the exercise.`
          : `Expected \`${id}\` to keep all ${selected.length} ${description}; it dropped ${dropped.length}, e.g. trace ${dropped[0]!.trace.traceId} (${votes(dropped[0]!.decision)}).`,
      );
      return self;
    },
    keepsShareOf(description, which, minPercent, maxPercent) {
      const results = decisions();
      const selected = traces.map((t, i) => ({ trace: t, decision: results[i]! })).filter(({ trace }) => which(trace));
      const kept = selected.filter(({ decision }) => decision.sampled).length;
      const percent = selected.length === 0 ? 0 : (kept / selected.length) * 100;
      state.expect(selected.length > 0 && percent >= minPercent && percent <= maxPercent, () =>
        `Expected \`${id}\` to keep ${minPercent}-${maxPercent}% of the ${selected.length} ${description}; it kept ${kept} (${percent.toFixed(1)}%).`,
      );
      return self;
    },
    decidesConsistently() {
      const first = decisions().map((d) => d.sampled);
      const compiled = compileTailSampling(config.processors[id]);
      const second = compiled.sampler?.decide(traces).map((d) => d.sampled) ?? [];
      const differ = first.findIndex((kept, i) => kept !== second[i]);
      state.expect(differ === -1, () => `Expected \`${id}\` to decide the same way every time; trace ${traces[differ]?.traceId} was kept once and dropped once.`);
      return self;
    },
  };
  return self;
}

/**
 * The assertions of a Collector check over one parsed configuration. Every assertion counts in
 * `state`, and a failed one ends the check with what was expected and what was found.
 */
export function createCollectorContext(parsed: ParsedCollectorConfig, traces: readonly TraceData[], state: CheckState): CollectorCheckContext {
  const config = parsed.config!;
  const find = (section: ComponentSection, ref: ComponentRef): string[] => Object.keys(config[section]).filter((id) => matches(section, id, ref));
  const requireOne = (section: ComponentSection, ref: ComponentRef): string => {
    const found = find(section, ref);
    state.expect(found.length > 0, () => `Expected ${kindOfSection[section] === 'exporter' ? 'an' : 'a'} ${kindOfSection[section]} \`${ref}\` under \`${section}:\`; found ${list(Object.keys(config[section]))}.`);
    return found[0]!;
  };

  const onePipeline = (description: string, which: (p: PipelineConfig) => boolean): PipelineAssert => {
    const found = config.service.pipelines.filter(which);
    state.expect(found.length === 1, () =>
      found.length === 0
        ? `Expected a pipeline that ${description}; found none among ${list(config.service.pipelines.map((p) => p.id))}.`
        : `Expected one pipeline that ${description}; found ${found.length}: ${list(found.map((p) => p.id))}.`,
    );
    return pipelineAssert(found[0]!, state);
  };

  const decisions = new Map<string, TraceDecision[]>();
  const decide = (id: string): TraceDecision[] => {
    const cached = decisions.get(id);
    if (cached) return cached;
    const compiled = compileTailSampling(config.processors[id], { source: parsed.source, path: ['processors', id] });
    const firstError = compiled.problems.find((p) => p.severity === 'error');
    state.expect(compiled.sampler !== undefined, () => `The \`${id}\` processor cannot be run: ${firstError ? describeProblem(firstError) : 'it has no policies'}.`);
    const result = compiled.sampler!.decide(traces);
    decisions.set(id, result);
    return result;
  };

  const collector: CollectorAssert = {
    isValid() {
      const errors = parsed.problems.filter((p) => p.severity === 'error');
      state.expect(errors.length === 0, () => {
        const shown = errors.slice(0, 3).map(describeProblem).join('; ');
        return `The Collector would not start with this configuration: ${shown}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}.`;
      });
    },
    receiver: (ref) => void requireOne('receivers', ref),
    processor: (ref) => void requireOne('processors', ref),
    exporter: (ref) => void requireOne('exporters', ref),
    pipeline(id) {
      const pipeline = config.service.pipelines.find((p) => p.id === id);
      state.expect(pipeline !== undefined, () => `Expected a pipeline \`${id}\` under \`service.pipelines\`; found ${list(config.service.pipelines.map((p) => p.id))}.`);
      return pipelineAssert(pipeline!, state);
    },
    pipelineExportingTo: (ref) => onePipeline(`exports to \`${ref}\``, (p) => p.exporters.some((id) => matches('exporters', id, ref) || matches('connectors', id, ref))),
    pipelineProcessingWith: (ref) => onePipeline(`runs the processor \`${ref}\``, (p) => p.processors.some((id) => matches('processors', id, ref))),
    exporterSetting(ref, key) {
      const id = requireOne('exporters', ref);
      let value: unknown = config.exporters[id];
      for (const step of key.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined;
      const shown = value === undefined ? 'it is not set' : `it is ${JSON.stringify(value)}`;
      const self: SettingAssert = {
        equals(expected) {
          state.expect(JSON.stringify(value) === JSON.stringify(expected), () => `Expected \`${key}\` of exporter \`${id}\` to be ${JSON.stringify(expected)}; ${shown}.`);
          return self;
        },
        includes(text) {
          state.expect(typeof value === 'string' && value.includes(text), () => `Expected \`${key}\` of exporter \`${id}\` to contain \`${text}\`; ${shown}.`);
          return self;
        },
        readsEnv(name) {
          const reads = typeof value === 'string' && (value.includes(`\${env:${name}}`) || value.includes(`\${${name}}`));
          state.expect(reads, () => `Expected \`${key}\` of exporter \`${id}\` to read the environment variable ${name}, written \`\${env:${name}}\`; ${shown}.`);
          return self;
        },
      };
      return self;
    },
    loadBalancer(ref = 'load_balancing') {
      const id = requireOne('exporters', ref);
      const routing = loadBalancingRouting(parsed, id);
      const firstError = routing.problems.find((p) => p.severity === 'error');
      state.expect(firstError === undefined, () => `Exporter \`${id}\`: ${describeProblem(firstError!)}.`);
      const self: LoadBalancerAssert = {
        routesBy(key) {
          state.expect(routing.routingKey === key, () => `Expected \`${id}\` to route by \`${key}\`; it routes by \`${routing.routingKey}\`${config.exporters[id]?.['routing_key'] == null ? ' (the default)' : ''}.`);
          return self;
        },
        hasBackends(count = 1) {
          state.expect(routing.backends.length >= count, () => `Expected \`${id}\`'s resolver to list at least ${count} backend${count === 1 ? '' : 's'}; found ${routing.backends.length}.`);
          return self;
        },
      };
      return self;
    },
    batching(ref) {
      const id = requireOne('exporters', ref);
      const batching = exporterBatching(parsed, id);
      const firstError = batching.problems.find((p) => p.severity === 'error');
      state.expect(firstError === undefined, () => `Exporter \`${id}\`: ${describeProblem(firstError!)}.`);
      const self: BatchingAssert = {
        isEnabled() {
          state.expect(batching.batch !== undefined && batching.queueEnabled, () => `Expected exporter \`${id}\` to batch in its queue (\`sending_queue: {batch: {}}\`); it ${batching.queueEnabled ? 'has no `sending_queue.batch`' : 'has its queue turned off'}.`);
          return self;
        },
        flushTimeoutAtMost(ms) {
          const actual = batching.batch?.flushTimeoutMs;
          state.expect(actual !== undefined && actual <= ms, () => `Expected exporter \`${id}\` to flush a batch within ${ms} ms; ${actual === undefined ? 'it does not batch' : `its flush_timeout is ${actual} ms`}.`);
          return self;
        },
      };
      return self;
    },
    tailSampling(ref = 'tail_sampling') {
      const id = requireOne('processors', ref);
      return tailSamplingAssert(id, () => decide(id), config, traces, state);
    },
  };
  return { config, collector, traces };
}

function votes(decision: TraceDecision): string {
  return decision.votes.map((v) => `${v.policy}: ${v.decision}`).join(', ') || 'no policy voted';
}

