import { collectorCheck, defineCollectorChecks, traceDurationMs, traceHasError } from '#checks';
import { traces } from './traces.ts';

const slow = (trace: Parameters<typeof traceHasError>[0]) => traceDurationMs(trace) > 500;

export default defineCollectorChecks(
  [
    collectorCheck('The Collector starts with this configuration', ({ collector }) => collector.isValid()),
    collectorCheck('The first tier routes every span of a trace to the same gateway', ({ collector }) => {
      collector.loadBalancer('load_balancing').routesBy('traceID').hasBackends(2);
    }),
    collectorCheck('The first tier does not sample: it sees only part of each trace', ({ collector }) => {
      collector.pipelineExportingTo('load_balancing').receivesFrom('otlp').doesNotProcessWith('tail_sampling');
    }),
    collectorCheck('The gateway pipeline runs tail_sampling and exports what it keeps', ({ collector }) => {
      collector.pipelineProcessingWith('tail_sampling').receivesFrom('otlp/gateway').exportsTo('otlp_grpc/tempo');
    }),
    collectorCheck('Every trace with an error is kept', ({ collector }) => {
      collector.tailSampling('tail_sampling').keepsAll('traces with an error', traceHasError);
    }),
    collectorCheck('Every trace slower than 500 ms is kept', ({ collector }) => {
      collector.tailSampling('tail_sampling').keepsAll('traces slower than 500 ms', slow);
    }),
    collectorCheck('About 10% of the other traces are kept', ({ collector }) => {
      collector.tailSampling('tail_sampling').keepsShareOf('other traces', (t) => !traceHasError(t) && !slow(t), 5, 15).decidesConsistently();
    }),
  ],
  { traces },
);
