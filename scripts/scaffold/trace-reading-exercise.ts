/**
 * `npm run new:exercise -- <id> --lesson <slug> --kind trace-reading`: a trace-reading exercise
 * that passes `check:content` as generated: a small seeded trace, one question of each kind
 * (a span, a number, a set of spans), an empty starter and a solution that names spans by name.
 */
import { PLACEHOLDER } from '../../src/course/placeholders.ts';
import { objectivesYaml, type ExerciseScaffoldInput } from './exercise-input.ts';

const yamlString = (text: string): string => JSON.stringify(text);

export function traceReadingExerciseFiles({ title, lesson, objectives }: ExerciseScaffoldInput): Record<string, string> {
  return {
    'exercise.yaml': `# Fields: content/exercises/README.md. Check it with: npm run check:content
# ${PLACEHOLDER}: a worked example (a slow order) that passes every check as generated.
# Make the title, prompt, hints, trace and questions your lesson's, then delete these two lines.
kind: trace-reading
title: ${yamlString(title)}
lesson: ${lesson}
${objectivesYaml(objectives)}prompt: |
  An order took 300 ms. Read its trace: select a span and press **Use selected span** or
  **Add selected span**, type numbers in ms, then press **Check**.
file: answers.yaml
trace: trace.ts
hints:
  - >-
    Self time is a span's duration minus the time its children cover.
  - >-
    The critical path starts at the root and follows the child that ends last, again and again.
`,
    'trace.ts': `// The trace the learner reads. Same seed, same trace (and span ids) on every build.
import { createTrace } from '#checks';

export function slowOrder() {
  const t = createTrace({ seed: 42 });
  const root = t.span({ name: 'POST /orders', service: 'orders', kind: 'SERVER', startMs: 0, durationMs: 300 });
  t.span({ name: 'validate order', service: 'orders', parent: root, startMs: 2, durationMs: 10 });
  const stock = t.span({ name: 'reserve stock', service: 'orders', kind: 'CLIENT', parent: root, startMs: 14, durationMs: 220 });
  t.span({ name: 'UPDATE stock', service: 'inventory', kind: 'CLIENT', parent: stock, startMs: 20, durationMs: 30 });
  t.span({ name: 'send receipt', service: 'orders', kind: 'PRODUCER', parent: root, startMs: 240, durationMs: 6 });
  return t.records();
}
`,
    'checks.ts': `import { defineTraceReading } from '#checks';
import { slowOrder } from './trace.ts';

export default defineTraceReading({
  trace: slowOrder(),
  questions: [
    {
      id: 'bottleneck',
      answer: 'span',
      ask: 'Which span is the bottleneck: the one whose own work takes the longest?',
      check: 'You found the bottleneck',
      expect: { rule: 'bottleneck' },
    },
    {
      id: 'self-time',
      answer: 'number',
      ask: 'What is the self time of \`reserve stock\`, in ms?',
      check: 'You worked out the self time of \`reserve stock\`',
      expect: { selfTimeOf: 'reserve stock' },
      tolerance: 1,
    },
    {
      id: 'critical-path',
      answer: 'spans',
      ask: 'Which spans are on the critical path?',
      check: 'You found the critical path',
      expect: { rule: 'critical-path' },
    },
  ],
});
`,
    'starter.yaml': '# The learner\'s answers: the page fills this in. No answer yet, so every check fails.\n{}\n',
    'solution.yaml': `# Spans by name (when no other span has it) or by span id.
bottleneck: reserve stock
self-time: 190
critical-path: [POST /orders, validate order, reserve stock, UPDATE stock, send receipt]
`,
  };
}
