import { didYouMean } from '../course/suggest.ts';
import { componentKinds, componentTypes, deprecatedTypes, kindsOfType, removedTypes, sectionOfKind, type ComponentKind } from './component-types.ts';
import type { CollectorConfig, ComponentId, ComponentSection, ComponentSettings, ConfigProblem, PipelineConfig } from './config-model.ts';
import { ConfigSource, type KeyPath } from './config-source.ts';

export interface ParsedCollectorConfig {
  /** The configuration as far as it could be read (absent after a YAML syntax error). */
  config?: CollectorConfig;
  /** Errors and warnings, in source order. */
  problems: ConfigProblem[];
  source: ConfigSource;
}

const topLevelKeys = ['receivers', 'processors', 'exporters', 'connectors', 'extensions', 'service'] as const;
const serviceKeys = ['extensions', 'pipelines', 'telemetry'] as const;
const pipelineKeys = ['receivers', 'processors', 'exporters'] as const;
const signals = ['traces', 'metrics', 'logs', 'profiles'] as const;

/** The Collector's own rule for a component type: a letter, then letters, digits and `_`. */
const typePattern = /^[a-zA-Z][0-9a-zA-Z_]{0,62}$/;
/** A name may hold anything but whitespace, control characters and `/`... after the first slash. */
const namePattern = /^[^\s\p{Cc}]+$/u;

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Splits `type[/name]`; undefined when it is not a valid id. */
export function parseComponentId(id: string): ComponentId | undefined {
  const slash = id.indexOf('/');
  const type = slash === -1 ? id : id.slice(0, slash);
  const name = slash === -1 ? undefined : id.slice(slash + 1);
  if (!typePattern.test(type)) return undefined;
  if (name !== undefined && !namePattern.test(name)) return undefined;
  return { id, type, name };
}

const article = (kind: ComponentKind): string => (kind === 'receiver' || kind === 'processor' || kind === 'connector' ? 'a' : 'an');

/**
 * Reads a Collector configuration and checks its structure as the Collector does when it starts:
 * YAML syntax (at its line and column), the top-level sections, component ids and types (an
 * unknown type with the nearest real one), pipelines that reference only defined components,
 * connectors used on both sides; components defined but never used are warnings.
 */
export function parseCollectorConfig(text: string): ParsedCollectorConfig {
  const source = new ConfigSource(text);
  if (source.syntaxProblems.length > 0) return { problems: source.syntaxProblems, source };
  const problems: ConfigProblem[] = [];
  const error = (path: KeyPath, message: string) => problems.push(source.problem('error', path, message));
  const warning = (path: KeyPath, message: string) => problems.push(source.problem('warning', path, message));

  const root = source.data;
  if (!isRecord(root)) {
    error([], `expected a Collector configuration (sections such as \`receivers:\` and \`service:\`), found ${root == null ? 'nothing' : Array.isArray(root) ? 'a list' : 'a single value'}`);
    return { problems, source };
  }
  for (const key of Object.keys(root)) {
    if (!(topLevelKeys as readonly string[]).includes(key)) error([key], `\`${key}\` is not a section of a Collector configuration${didYouMean(key, topLevelKeys)}`);
  }

  const config: CollectorConfig = {
    receivers: {}, processors: {}, exporters: {}, connectors: {}, extensions: {},
    service: { extensions: [], pipelines: [] },
  };
  for (const kind of componentKinds) {
    const section = sectionOfKind[kind];
    const value = root[section];
    if (value == null) continue;
    if (!isRecord(value)) {
      error([section], `\`${section}\` must map component ids to their settings`);
      continue;
    }
    for (const [id, settings] of Object.entries(value)) {
      checkComponent(kind, id, [section, id], error, warning);
      if (settings != null && !isRecord(settings)) error([section, id], `the settings of ${kind} \`${id}\` must be a mapping (or nothing)`);
      config[section][id] = isRecord(settings) ? settings : null;
    }
  }

  const service = root['service'];
  if (!isRecord(service)) {
    error(service === undefined ? [] : ['service'], 'a Collector configuration needs a `service:` section with `pipelines:`');
    return { config, problems: sortProblems(problems), source };
  }
  for (const key of Object.keys(service)) {
    if (!(serviceKeys as readonly string[]).includes(key)) error(['service', key], `\`service.${key}\` is not a service setting${didYouMean(key, serviceKeys)}`);
  }
  config.service.extensions = stringList(service['extensions'], ['service', 'extensions'], error);
  config.service.extensions.forEach((id, i) => {
    if (!(id in config.extensions)) error(['service', 'extensions', i], `extension \`${id}\` is not defined under \`extensions:\`${didYouMean(id, Object.keys(config.extensions))}`);
  });

  const pipelines = service['pipelines'];
  if (!isRecord(pipelines) || Object.keys(pipelines).length === 0) {
    error(pipelines === undefined ? ['service'] : ['service', 'pipelines'], '`service.pipelines` needs at least one pipeline, e.g. `traces: {receivers: [otlp], exporters: [debug]}`');
  } else {
    for (const [id, value] of Object.entries(pipelines)) {
      const pipeline = readPipeline(id, value, config, error);
      if (pipeline) config.service.pipelines.push(pipeline);
    }
  }

  checkUsage(config, error, warning);
  return { config, problems: sortProblems(problems), source };
}

type Report = (path: KeyPath, message: string) => void;

function checkComponent(kind: ComponentKind, id: string, path: KeyPath, error: Report, warning: Report): void {
  const parsed = parseComponentId(id);
  if (!parsed) {
    error(path, `\`${id}\` is not a valid component id: write \`type\` or \`type/name\`, the type made of letters, digits and \`_\``);
    return;
  }
  const renamed = deprecatedTypes[kind]?.[parsed.type];
  if (renamed) warning(path, `\`${parsed.type}\` is the old name of the \`${renamed}\` ${kind}: Collector releases from 2026 accept it with a deprecation warning, older ones know only this name`);
  if (componentTypes[kind].includes(parsed.type)) return;
  const removed = removedTypes[kind]?.[parsed.type];
  if (removed) {
    error(path, removed);
    return;
  }
  const otherKinds = kindsOfType(parsed.type);
  if (otherKinds.length > 0) {
    error(path, `\`${parsed.type}\` is ${article(otherKinds[0]!)} ${otherKinds.join(' and ')}, not ${article(kind)} ${kind}: define it under \`${sectionOfKind[otherKinds[0]!]}:\``);
    return;
  }
  error(path, `unknown ${kind} type \`${parsed.type}\`${didYouMean(parsed.type, componentTypes[kind])}`);
}

function stringList(value: unknown, path: KeyPath, error: Report): string[] {
  if (value == null) return [];
  if (!Array.isArray(value)) {
    error(path, `\`${path.join('.')}\` must be a list, e.g. \`[otlp]\``);
    return [];
  }
  return value.flatMap((item, i) => {
    if (typeof item === 'string') return [item];
    error([...path, i], `expected a component id, found ${JSON.stringify(item)}`);
    return [];
  });
}

function readPipeline(id: string, value: unknown, config: CollectorConfig, error: Report): PipelineConfig | undefined {
  const path = ['service', 'pipelines', id];
  const slash = id.indexOf('/');
  const signal = slash === -1 ? id : id.slice(0, slash);
  if (!(signals as readonly string[]).includes(signal) || (slash !== -1 && id.length === slash + 1)) {
    error(path, `\`${id}\` is not a pipeline id: write \`traces\`, \`metrics\`, \`logs\` or \`profiles\`, optionally followed by \`/name\`${didYouMean(signal, signals)}`);
    return undefined;
  }
  if (!isRecord(value)) {
    error(path, `pipeline \`${id}\` needs \`receivers:\` and \`exporters:\` lists`);
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!(pipelineKeys as readonly string[]).includes(key)) error([...path, key], `\`${key}\` is not a pipeline setting${didYouMean(key, pipelineKeys)}`);
  }
  const pipeline: PipelineConfig = {
    id,
    signal,
    receivers: stringList(value['receivers'], [...path, 'receivers'], error),
    processors: stringList(value['processors'], [...path, 'processors'], error),
    exporters: stringList(value['exporters'], [...path, 'exporters'], error),
  };
  if (pipeline.receivers.length === 0) error(path, `pipeline \`${id}\` must have at least one receiver`);
  if (pipeline.exporters.length === 0) error(path, `pipeline \`${id}\` must have at least one exporter`);

  const role: Array<{ list: 'receivers' | 'processors' | 'exporters'; sections: ComponentSection[]; kind: string }> = [
    { list: 'receivers', sections: ['receivers', 'connectors'], kind: 'receiver' },
    { list: 'processors', sections: ['processors'], kind: 'processor' },
    { list: 'exporters', sections: ['exporters', 'connectors'], kind: 'exporter' },
  ];
  for (const { list, sections, kind } of role) {
    const seen = new Set<string>();
    pipeline[list].forEach((ref, i) => {
      if (seen.has(ref)) error([...path, list, i], `pipeline \`${id}\` lists ${kind} \`${ref}\` twice`);
      seen.add(ref);
      if (sections.some((section) => ref in config[section])) return;
      const defined = sections.flatMap((section) => Object.keys(config[section]));
      const elsewhere = (['receivers', 'processors', 'exporters', 'connectors'] as const).find((section) => ref in config[section]);
      const hint = elsewhere ? `; it is defined under \`${elsewhere}:\`` : didYouMean(ref, defined);
      error([...path, list, i], `pipeline \`${id}\` uses ${kind} \`${ref}\`, which is not defined under \`${sections.join(':` or `')}:\`${hint}`);
    });
  }
  return pipeline;
}

function checkUsage(config: CollectorConfig, error: Report, warning: Report): void {
  const used = (list: 'receivers' | 'processors' | 'exporters', id: string) => config.service.pipelines.some((p) => p[list].includes(id));
  for (const [section, list] of [['receivers', 'receivers'], ['processors', 'processors'], ['exporters', 'exporters']] as const) {
    for (const id of Object.keys(config[section])) {
      if (!used(list, id)) warning([section, id], `${section.slice(0, -1)} \`${id}\` is defined but no pipeline uses it`);
    }
  }
  for (const id of Object.keys(config.extensions)) {
    if (!config.service.extensions.includes(id)) warning(['extensions', id], `extension \`${id}\` is defined but not enabled in \`service.extensions\``);
  }
  for (const id of Object.keys(config.connectors)) {
    const asExporter = used('exporters', id);
    const asReceiver = used('receivers', id);
    if (!asExporter && !asReceiver) warning(['connectors', id], `connector \`${id}\` is defined but no pipeline uses it`);
    else if (!asExporter) error(['connectors', id], `connector \`${id}\` is used as a receiver but no pipeline exports to it`);
    else if (!asReceiver) error(['connectors', id], `connector \`${id}\` is used as an exporter but no pipeline receives from it`);
  }
}

function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Every component the configuration defines, with its kind and parsed id. */
export function definedComponents(config: CollectorConfig): Array<{ kind: ComponentKind; id: ComponentId; settings: ComponentSettings }> {
  return componentKinds.flatMap((kind) =>
    Object.entries(config[sectionOfKind[kind]]).flatMap(([id, settings]) => {
      const parsed = parseComponentId(id);
      return parsed ? [{ kind, id: parsed, settings }] : [];
    }),
  );
}
