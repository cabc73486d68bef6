import { defineTraceReading } from '#checks';
import { slowCheckout } from './trace.ts';

const trace = slowCheckout();
const idOf = (name: string, kind: string) => trace.find((s) => s.name === name && s.kind === kind)!.spanId;
const clientCall = idOf('POST /charges', 'CLIENT');
const paymentsServer = idOf('POST /charges', 'SERVER');
const insertCharge = idOf('INSERT charge', 'CLIENT');

export default defineTraceReading({
  trace,
  questions: [
    {
      id: 'bottleneck',
      answer: 'span',
      ask: 'Which span is the bottleneck: the one whose own work (its self time) takes the longest?',
      check: 'You found the bottleneck',
      expect: { rule: 'bottleneck' },
    },
    {
      id: 'bottleneck-self-time',
      answer: 'number',
      ask: 'What is the self time of that span, in ms? (Its duration minus the time its children cover.)',
      check: 'You worked out the bottleneck’s self time',
      expect: { selfTimeOf: paymentsServer },
      tolerance: 1,
    },
    {
      id: 'network-call',
      answer: 'span',
      ask: 'Which span is checkout waiting on the network for payments: the `CLIENT` span whose child is a `SERVER` span in another service?',
      check: 'You found the call from checkout to payments',
      expect: { span: clientCall, why: 'Look at each span’s kind in its details: the caller records a CLIENT span, the service it calls records a SERVER span under it.' },
      mistakes: [
        { answer: paymentsServer, message: 'That is the `SERVER` span: payments handling the request it received. The span of the caller waiting for it is its parent, a `CLIENT` span in checkout.' },
        { answer: 'charge payment', message: '`charge payment` is an `INTERNAL` span: work inside checkout. The network call is the `CLIENT` span inside it.' },
      ],
    },
    {
      id: 'parent-of-insert',
      answer: 'span',
      ask: `\`INSERT charge\` names the parent span ID \`${trace.find((s) => s.spanId === insertCharge)!.parentSpanId}\`. Select the span with that span ID.`,
      check: 'You followed a parent span ID to its span',
      expect: { span: paymentsServer, why: 'Compare the Span ID in the details of each candidate with the parent span ID of `INSERT charge`.' },
      mistakes: [{ answer: clientCall, message: 'That is the `CLIENT` span in checkout: its span ID is a different one. A parent span ID names the span that was running when the child started, in the same service here: the `SERVER` span of payments.' }],
    },
  ],
});
