import { defineTraceReading } from '#checks';
import { failedOrder } from './trace.ts';

const trace = failedOrder();
const retried = trace.find((s) => s.name === 'GET /stock/:sku' && s.kind === 'CLIENT' && s.status.code === 'ERROR')!.spanId;
const cardNetwork = trace.find((s) => s.name === 'POST /v1/authorizations')!.spanId;

export default defineTraceReading({
  trace,
  questions: [
    {
      id: 'error-origin',
      answer: 'span',
      ask: 'The order failed with a 502. Which span is the error the failure started from?',
      check: 'You found where the error started',
      expect: { rule: 'error-origin' },
      mistakes: [
        {
          answer: retried,
          message: 'That stock lookup failed, but its parent `check stock` is not an error: the client tried again and the retry succeeded. An error that nothing above reported did not fail the order; follow the errors down from the root instead.',
        },
      ],
    },
    {
      id: 'bottleneck',
      answer: 'span',
      ask: 'Setting the failure aside: which span spends the most time in its own work (self time)?',
      check: 'You found the span with the most self time',
      expect: { rule: 'bottleneck' },
      mistakes: [
        {
          answer: cardNetwork,
          message: 'The call to the card network is the longest span with no children, 425 ms, but it is not the one with the most self time. Some span with children spends more time between them than that.',
        },
      ],
    },
    {
      id: 'bottleneck-self-time',
      answer: 'number',
      ask: 'How many ms of self time does that span have?',
      check: 'You worked out its self time',
      expect: { selfTimeOf: 'price items' },
      tolerance: 2,
    },
  ],
});
