/**
 * Structure checks of exporter settings that the course teaches: how the `loadbalancing`
 * exporter routes (contrib exporter/loadbalancingexporter README) and exporter-side batching in
 * the sending queue (core exporter/exporterhelper README). Each returns the settings with their
 * documented defaults applied, and the problems found, at their line.
 */
import { didYouMean } from '../course/suggest.ts';
import type { ConfigProblem } from './config-model.ts';
import type { KeyPath } from './config-source.ts';
import { parseComponentId, type ParsedCollectorConfig } from './parse-config.ts';
import { parseGoDuration } from './tail-sampling/tail-sampler.ts';

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

export const routingKeys = ['traceID', 'service', 'resource', 'metric', 'streamID', 'attributes'] as const;
export const resolverKinds = ['static', 'dns', 'k8s', 'aws_cloud_map'] as const;

export interface LoadBalancingRouting {
  exporterId: string;
  /** `traceID` when not configured, the exporter's default. */
  routingKey: string;
  resolver?: (typeof resolverKinds)[number] | undefined;
  /** The static resolver's `hostnames`, or the DNS `hostname` / k8s `service`. */
  backends: string[];
  problems: ConfigProblem[];
}

function exporterSettings(parsed: ParsedCollectorConfig, exporterId: string): Record<string, unknown> | undefined {
  const settings = parsed.config?.exporters[exporterId];
  return isRecord(settings) ? settings : undefined;
}

export function loadBalancingRouting(parsed: ParsedCollectorConfig, exporterId: string): LoadBalancingRouting {
  const problems: ConfigProblem[] = [];
  const base: KeyPath = ['exporters', exporterId];
  const error = (path: KeyPath, message: string) => problems.push(parsed.source.problem('error', [...base, ...path], message));
  const warning = (path: KeyPath, message: string) => problems.push(parsed.source.problem('warning', [...base, ...path], message));
  const result: LoadBalancingRouting = { exporterId, routingKey: 'traceID', backends: [], problems };
  const type = parseComponentId(exporterId)?.type;
  if (type !== 'load_balancing' && type !== 'loadbalancing') {
    error([], `\`${exporterId}\` is not a \`load_balancing\` exporter`);
    return result;
  }
  const settings = exporterSettings(parsed, exporterId) ?? {};

  const key = settings['routing_key'];
  if (key !== undefined && key !== null) {
    if (typeof key !== 'string' || !(routingKeys as readonly string[]).includes(key)) {
      error(['routing_key'], `\`routing_key\` must be one of ${routingKeys.join(', ')}, found ${JSON.stringify(key)}${didYouMean(String(key), routingKeys)}`);
    }
    result.routingKey = String(key);
  }
  const metricsPipelines = parsed.config?.service.pipelines.filter((p) => p.signal === 'metrics' && p.exporters.includes(exporterId)) ?? [];
  if (result.routingKey === 'traceID' && metricsPipelines.length > 0) {
    error(['routing_key'], `routing by \`traceID\` does not work for metrics, and pipeline \`${metricsPipelines[0]!.id}\` sends metrics to \`${exporterId}\``);
  }

  const protocol = settings['protocol'];
  if (!isRecord(protocol) || !('otlp' in protocol)) {
    error([], `\`${exporterId}\` needs \`protocol: {otlp: ...}\`: the OTLP exporter settings it uses to reach every backend`);
  } else if (isRecord(protocol['otlp']) && 'endpoint' in protocol['otlp']) {
    warning(['protocol', 'otlp', 'endpoint'], '`protocol.otlp.endpoint` is ignored: the resolver gives each backend\'s endpoint');
  }

  const resolver = settings['resolver'];
  const kinds = isRecord(resolver) ? resolverKinds.filter((kind) => kind in resolver) : [];
  if (!isRecord(resolver) || kinds.length === 0) {
    error(isRecord(resolver) ? ['resolver'] : [], `\`${exporterId}\` needs a \`resolver\` that lists the backends: ${resolverKinds.map((k) => `\`${k}\``).join(', ')}`);
    return result;
  }
  for (const key of Object.keys(resolver)) {
    if (!(resolverKinds as readonly string[]).includes(key)) error(['resolver', key], `\`${key}\` is not a resolver${didYouMean(key, resolverKinds)}`);
  }
  const kind = kinds[0]!;
  result.resolver = kind;
  const chosen = resolver[kind];
  if (kind === 'static') {
    const hostnames = isRecord(chosen) ? chosen['hostnames'] : undefined;
    if (!Array.isArray(hostnames) || hostnames.length === 0) error(['resolver', 'static'], 'the static resolver needs `hostnames`: the list of backend collectors (`host:port`)');
    else result.backends = hostnames.map(String);
  } else if (kind === 'dns' || kind === 'k8s') {
    const field = kind === 'dns' ? 'hostname' : 'service';
    const value = isRecord(chosen) ? chosen[field] : undefined;
    if (typeof value !== 'string' || value === '') error(['resolver', kind], `the ${kind} resolver needs \`${field}\``);
    else result.backends = [value];
  }
  return result;
}

export type BatchSizer = 'items' | 'bytes' | 'requests';

export interface ExporterBatching {
  exporterId: string;
  /** The sending queue is on unless `sending_queue.enabled: false`. */
  queueEnabled: boolean;
  /** Present when `sending_queue.batch` is configured (`batch: {}` for the defaults). */
  batch?: { flushTimeoutMs: number; minSize: number; maxSize: number; sizer: BatchSizer } | undefined;
  problems: ConfigProblem[];
}

const queueKeys = ['enabled', 'num_consumers', 'wait_for_result', 'block_on_overflow', 'sizer', 'queue_size', 'batch', 'storage'] as const;
const batchKeys = ['flush_timeout', 'min_size', 'max_size', 'sizer', 'partition'] as const;

export function exporterBatching(parsed: ParsedCollectorConfig, exporterId: string): ExporterBatching {
  const problems: ConfigProblem[] = [];
  const base: KeyPath = ['exporters', exporterId];
  const error = (path: KeyPath, message: string) => problems.push(parsed.source.problem('error', [...base, ...path], message));
  const result: ExporterBatching = { exporterId, queueEnabled: true, problems };
  const settings = exporterSettings(parsed, exporterId) ?? {};
  if ('batch' in settings) error(['batch'], `\`batch\` goes inside \`sending_queue\`: \`sending_queue: {batch: {...}}\``);
  const queue = settings['sending_queue'];
  if (queue === undefined || queue === null) return result;
  if (!isRecord(queue)) {
    error(['sending_queue'], '`sending_queue` must be a mapping of its settings');
    return result;
  }
  for (const key of Object.keys(queue)) {
    if (!(queueKeys as readonly string[]).includes(key)) error(['sending_queue', key], `\`${key}\` is not a \`sending_queue\` setting${didYouMean(key, queueKeys)}`);
  }
  result.queueEnabled = queue['enabled'] !== false;
  const batch = queue['batch'];
  if (batch === undefined) return result;
  if (batch !== null && !isRecord(batch)) {
    error(['sending_queue', 'batch'], '`batch` must be a mapping (`batch: {}` for the defaults)');
    return result;
  }
  const b = batch ?? {};
  for (const key of Object.keys(b)) {
    if (!(batchKeys as readonly string[]).includes(key)) error(['sending_queue', 'batch', key], `\`${key}\` is not a batch setting${didYouMean(key, batchKeys)}`);
  }
  let flushTimeoutMs = 200;
  if (b['flush_timeout'] !== undefined) {
    const ms = typeof b['flush_timeout'] === 'string' ? parseGoDuration(b['flush_timeout']) : undefined;
    if (ms === undefined || ms <= 0) error(['sending_queue', 'batch', 'flush_timeout'], '`flush_timeout` is a non-zero duration such as `200ms`');
    else flushTimeoutMs = ms;
  }
  const size = (key: 'min_size' | 'max_size', fallback: number): number => {
    const value = b[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
    error(['sending_queue', 'batch', key], `\`${key}\` must be a whole number, found ${JSON.stringify(value)}`);
    return fallback;
  };
  const minSize = size('min_size', 8192);
  const maxSize = size('max_size', 0);
  if (maxSize !== 0 && maxSize < minSize) error(['sending_queue', 'batch', 'max_size'], `\`max_size\` (${maxSize}) must be at least \`min_size\` (${minSize}), or 0 for no maximum`);
  // The batch sizer takes the queue's sizer when it has none, and `items` when neither has one.
  const sizer = (b['sizer'] ?? queue['sizer'] ?? 'items') as string;
  if (b['sizer'] !== undefined && b['sizer'] !== 'items' && b['sizer'] !== 'bytes') {
    error(['sending_queue', 'batch', 'sizer'], `the batch \`sizer\` is \`items\` or \`bytes\`, found ${JSON.stringify(b['sizer'])}`);
  }
  result.batch = { flushTimeoutMs, minSize, maxSize, sizer: sizer as BatchSizer };
  if (!result.queueEnabled) error(['sending_queue', 'enabled'], 'batching happens in the sending queue, which `enabled: false` turns off');
  return result;
}
