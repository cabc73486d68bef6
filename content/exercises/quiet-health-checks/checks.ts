import { collectorCheck, defineCollectorChecks, traceHasError, type TraceData } from '#checks';
import { traces } from './traces.ts';

const isHealthCheck = (trace: TraceData) => trace.spans.some((span) => span.attributes['http.route'] === '/health');

export default defineCollectorChecks(
  [
    collectorCheck('The Collector starts with this configuration', ({ collector }) => collector.isValid()),
    collectorCheck('Every trace with an error is kept', ({ collector }) => {
      collector.tailSampling().keepsAll('traces with an error', traceHasError);
    }),
    collectorCheck('At most 2% of health checks are kept', ({ collector }) => {
      collector.tailSampling().keepsShareOf('health checks', isHealthCheck, 0, 2);
    }),
    collectorCheck('About a quarter of the other traces are kept', ({ collector }) => {
      collector.tailSampling().keepsShareOf('other traces without an error', (t) => !isHealthCheck(t) && !traceHasError(t), 15, 35).decidesConsistently();
    }),
  ],
  { traces },
);
