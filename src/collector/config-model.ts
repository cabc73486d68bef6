/**
 * The shape of a parsed OpenTelemetry Collector configuration, as the course's checks read it:
 * the component sections keyed by component id (`type[/name]`) and the pipelines of `service`.
 */
import type { ComponentKind } from './component-types.ts';

/** A position in the YAML source, 1-based. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** One mistake (error) or doubt (warning) about a configuration, at the line it is about. */
export interface ConfigProblem {
  severity: 'error' | 'warning';
  message: string;
  /** The key path it is about, e.g. `service.pipelines.traces.exporters[0]`. */
  path: string;
  line?: number | undefined;
  column?: number | undefined;
}

/** `type[/name]`, e.g. `otlp/gateway`: the type picks the component, the name tells instances apart. */
export interface ComponentId {
  id: string;
  type: string;
  name?: string | undefined;
}

export type ComponentSection = 'receivers' | 'processors' | 'exporters' | 'connectors' | 'extensions';

/** The settings of one component: whatever mapping follows its id (`null` when it has none). */
export type ComponentSettings = Record<string, unknown> | null;

export interface PipelineConfig {
  /** `traces`, `traces/gateway`, ... */
  id: string;
  /** `traces`, `metrics`, `logs` or `profiles`. */
  signal: string;
  receivers: string[];
  processors: string[];
  exporters: string[];
}

export interface CollectorConfig {
  receivers: Record<string, ComponentSettings>;
  processors: Record<string, ComponentSettings>;
  exporters: Record<string, ComponentSettings>;
  connectors: Record<string, ComponentSettings>;
  extensions: Record<string, ComponentSettings>;
  service: {
    extensions: string[];
    pipelines: PipelineConfig[];
  };
}

export interface ComponentRef {
  kind: ComponentKind;
  id: ComponentId;
  settings: ComponentSettings;
}
