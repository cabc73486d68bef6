import { collectorCheck, defineCollectorChecks } from '#checks';

// The prompt does not name the pipeline: `traces`, as in the starter, or `traces/gateway` are
// both right, so each check finds it by an exporter it sends to or the processor it runs.
export default defineCollectorChecks([
  collectorCheck('The Collector starts with this configuration', ({ collector }) => collector.isValid()),
  collectorCheck('Traces go to Jaeger v2 over OTLP/gRPC, on port 4317', ({ collector }) => {
    collector.exporterSetting('otlp_grpc/jaeger', 'endpoint').equals('jaeger:4317');
    collector.pipelineExportingTo('otlp_grpc/jaeger');
  }),
  collectorCheck('Traces also go to Honeycomb over OTLP/HTTP, with the key from the environment', ({ collector }) => {
    collector.exporterSetting('otlp_http/honeycomb', 'endpoint').equals('https://api.honeycomb.io');
    collector.exporterSetting('otlp_http/honeycomb', 'headers.x-honeycomb-team').readsEnv('HONEYCOMB_API_KEY');
    collector.pipelineExportingTo('otlp_http/honeycomb');
  }),
  collectorCheck('Each exporter batches in its own sending queue', ({ collector }) => {
    collector.batching('otlp_grpc/jaeger').isEnabled();
    collector.batching('otlp_http/honeycomb').isEnabled();
    collector.pipelineExportingTo('otlp_grpc/jaeger').doesNotProcessWith('batch');
    collector.pipelineExportingTo('otlp_http/honeycomb').doesNotProcessWith('batch');
  }),
  collectorCheck('memory_limiter is the first processor', ({ collector }) => {
    collector.pipelineProcessingWith('memory_limiter').processesFirstWith('memory_limiter');
  }),
]);
