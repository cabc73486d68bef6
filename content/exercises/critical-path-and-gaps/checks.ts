import { defineTraceReading } from '#checks';
import { productPage } from './trace.ts';

export default defineTraceReading({
  trace: productPage(),
  questions: [
    {
      id: 'critical-path',
      answer: 'spans',
      ask: 'Which spans are on the critical path, the chain of work the page waited for? Add each one.',
      check: 'You traced the critical path',
      expect: { rule: 'critical-path' },
    },
    {
      id: 'price-instantly',
      answer: 'number',
      ask: 'If the pricing service answered instantly, how many ms sooner would the page be ready?',
      check: 'You know what speeding up a parallel call gains',
      expect: { value: 0, why: 'Only the critical path decides how long the page takes.' },
      tolerance: 0,
      mistakes: [
        { answer: 50, message: 'The call to pricing takes 50 ms, but it runs at the same time as the call to reviews, which takes 160 ms. The page waits for reviews either way.' },
        { answer: 46, message: 'The pricing service works for 46 ms, but at the same time as reviews, which takes longer. The page waits for reviews either way.' },
      ],
    },
    {
      id: 'gap-span',
      answer: 'span',
      ask: 'Which span has the largest gap: the longest stretch of its time when none of its children runs?',
      check: 'You found the span with the largest gap',
      expect: { rule: 'largest-gap' },
    },
    {
      id: 'gap-ms',
      answer: 'number',
      ask: 'How long is that gap, in ms?',
      check: 'You measured the largest gap',
      expect: { rule: 'largest-gap' },
      tolerance: 1,
    },
  ],
});
