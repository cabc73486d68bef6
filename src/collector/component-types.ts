/**
 * Component types of the OpenTelemetry Collector, core and contrib, by kind: the `type` of each
 * component's `metadata.yaml` in open-telemetry/opentelemetry-collector and
 * open-telemetry/opentelemetry-collector-contrib. The list is the components a course
 * configuration meets (the core set plus the widely used contrib ones), not every contrib module;
 * a type missing from it is reported as unknown, so add it here when a lesson needs it.
 */

export type ComponentKind = 'receiver' | 'processor' | 'exporter' | 'connector' | 'extension';

export const componentKinds: readonly ComponentKind[] = ['receiver', 'processor', 'exporter', 'connector', 'extension'];

/** The top-level section of a configuration that defines components of a kind. */
export const sectionOfKind: Record<ComponentKind, 'receivers' | 'processors' | 'exporters' | 'connectors' | 'extensions'> = {
  receiver: 'receivers',
  processor: 'processors',
  exporter: 'exporters',
  connector: 'connectors',
  extension: 'extensions',
};

export const componentTypes: Record<ComponentKind, readonly string[]> = {
  receiver: [
    // core
    'otlp', 'nop',
    // contrib
    'jaeger', 'zipkin', 'prometheus', 'simpleprometheus', 'filelog', 'hostmetrics', 'kafka', 'k8s_cluster',
    'k8s_events', 'k8sobjects', 'kubeletstats', 'journald', 'syslog', 'statsd', 'fluentforward', 'awsxray',
    'httpcheck', 'docker_stats', 'redis', 'postgresql', 'mysql', 'splunk_hec', 'sqlquery', 'tcplog', 'udplog',
    'windowseventlog', 'receiver_creator',
  ],
  processor: [
    // core
    'batch', 'memory_limiter',
    // contrib
    'tail_sampling', 'probabilistic_sampler', 'attributes', 'resource', 'filter', 'transform', 'k8sattributes',
    'resourcedetection', 'groupbytrace', 'groupbyattrs', 'span', 'redaction', 'cumulativetodelta',
    'deltatorate', 'metricstransform', 'interval',
  ],
  exporter: [
    // core
    'otlp_grpc', 'otlp', 'otlp_http', 'otlphttp', 'debug', 'nop',
    // contrib
    'load_balancing', 'loadbalancing', 'file', 'kafka', 'prometheus', 'prometheusremotewrite', 'zipkin', 'elasticsearch',
    'datadog', 'awsxray', 'awsemf', 'googlecloud', 'azuremonitor', 'clickhouse', 'splunk_hec', 'signalfx',
    'coralogix', 'influxdb', 'sentry', 'otelarrow',
  ],
  connector: [
    // core
    'forward',
    // contrib
    'spanmetrics', 'servicegraph', 'routing', 'count', 'exceptions', 'failover', 'roundrobin', 'sum',
    'signaltometrics',
  ],
  extension: [
    // core
    'zpages', 'memory_limiter',
    // contrib
    'health_check', 'healthcheckv2', 'pprof', 'file_storage', 'basicauth', 'bearertokenauth', 'oauth2client',
    'oidc', 'headers_setter', 'sigv4auth', 'k8s_observer', 'docker_observer', 'host_observer',
    'jaegerremotesampling', 'opamp',
  ],
};

/** The kinds that have a component of this type (`otlp` is a receiver and an exporter). */
export function kindsOfType(type: string): ComponentKind[] {
  return componentKinds.filter((kind) => componentTypes[kind].includes(type));
}

/**
 * Old type names that new Collector releases still accept, with a deprecation warning: core
 * v0.144.0 renamed the OTLP exporters (`WithDeprecatedTypeAlias` in their factories), contrib
 * renamed `loadbalancing` (pull request 48533).
 */
export const deprecatedTypes: Partial<Record<ComponentKind, Readonly<Record<string, string>>>> = {
  exporter: { otlp: 'otlp_grpc', otlphttp: 'otlp_http', loadbalancing: 'load_balancing' },
};

/** The current name of a type: `load_balancing` for `loadbalancing`, the type itself otherwise. */
export function currentType(kind: ComponentKind, type: string): string {
  return deprecatedTypes[kind]?.[type] ?? type;
}

/** Types that Collector releases used to have, with what replaced them. */
export const removedTypes: Partial<Record<ComponentKind, Readonly<Record<string, string>>>> = {
  exporter: {
    jaeger: 'the `jaeger` exporter was removed in 2023: Jaeger receives OTLP, so use an `otlp_grpc` (or `otlp_http`) exporter',
    jaeger_thrift: 'the `jaeger_thrift` exporter was removed in 2023: Jaeger receives OTLP, so use an `otlp_grpc` (or `otlp_http`) exporter',
    logging: 'the `logging` exporter was removed in 2024: use `debug`',
  },
};
