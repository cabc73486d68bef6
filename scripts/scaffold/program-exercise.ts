/**
 * `npm run new:exercise -- <id> --lesson <slug>` (kind `program`): a worked example (an order
 * handler) that passes `check:content` as generated: a scenario that drives the learner's file,
 * a starter that runs but fails a check, a solution that passes every check, and checks written
 * with the check library.
 */
import { PLACEHOLDER } from '../../src/course/placeholders.ts';
import { objectivesYaml, type ExerciseScaffoldInput } from './exercise-input.ts';

const yamlString = (text: string): string => JSON.stringify(text);

/** The learner's file name in the editor, which the scenario imports. */
const LEARNER_FILE = 'orders.ts';

function exerciseYaml({ title, lesson, objectives }: ExerciseScaffoldInput): string {
  return `# Fields: content/exercises/README.md. Check it with: npm run check:content
# ${PLACEHOLDER}: a worked example (an order handler) that passes every check as generated. Make the
# title, prompt, hints and code your lesson's, then delete these two lines.
title: ${yamlString(title)}
lesson: ${lesson}
${objectivesYaml(objectives)}prompt: |
  \`handleOrder\` in \`${LEARNER_FILE}\` does its work without a trace. Wrap it in a span named
  \`handle order\` with the attribute \`order.id\` set to the order's id, and end the span even
  when the work fails. Then press Run.
file: ${LEARNER_FILE}
scenario: scenario.ts
readonly: [tracing.ts]
hints:
  - >-
    \`tracer.startActiveSpan('handle order', async (span) => { ... })\` starts a span and makes it
    active for everything awaited inside the callback.
  - >-
    Set the attribute with \`span.setAttribute('order.id', id)\`, and call \`span.end()\` in a
    \`finally\` block so that the span ends on every path.
`;
}

function tracing(): string {
  return `// The program's tracing set-up, which the scenario imports first. The sandbox registers nothing
// itself: a tracer provider (the sandbox adds its processor to it, to show the spans) and a
// context manager, so that the active span survives \`await\`.
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';

trace.setGlobalTracerProvider(new TracerProvider());
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
`;
}

function scenario(): string {
  return `// What the sandbox runs: it calls the learner's code the way a real caller would.
import './tracing.js';
import { handleOrder } from './${LEARNER_FILE.replace(/\.ts$/, '.js')}';

export async function main(): Promise<void> {
  const result = await handleOrder('ord_1042');
  console.log(\`order \${result.id} handled in \${result.steps} steps\`);
}
`;
}

function starter(id: string): string {
  return `import { trace } from '@opentelemetry/api';

const tracer = trace.getTracer('${id}');

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function handleOrder(id: string): Promise<{ id: string; steps: number }> {
  // TODO: wrap the work in a span named \`handle order\` (see the exercise).
  await wait(5);
  return { id, steps: 1 };
}

// Used once you add the span.
void tracer;
`;
}

function solution(id: string): string {
  return `import { trace } from '@opentelemetry/api';

const tracer = trace.getTracer('${id}');

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function handleOrder(id: string): Promise<{ id: string; steps: number }> {
  return tracer.startActiveSpan('handle order', async (span) => {
    try {
      span.setAttribute('order.id', id);
      await wait(5);
      return { id, steps: 1 };
    } finally {
      span.end();
    }
  });
}
`;
}

function checks(): string {
  return `// The check library and its messages: src/checks/README.md.
import { check, defineChecks } from '#checks';

export default defineChecks([
  check('There is one \`handle order\` span, at the root', ({ span }) => {
    span('handle order').isRoot();
  }),
  check('It records the order id as \`order.id\`', ({ span }) => {
    span('handle order').hasAttribute('order.id', 'ord_1042');
  }),
  check('Every span is ended', ({ allSpansEnded }) => {
    allSpansEnded();
  }),
  check('The order is still handled', ({ output }) => {
    output.contains('order ord_1042 handled');
  }),
]);
`;
}

export function programExerciseFiles(input: ExerciseScaffoldInput): Record<string, string> {
  return {
    'exercise.yaml': exerciseYaml(input),
    'tracing.ts': tracing(),
    'scenario.ts': scenario(),
    'starter.ts': starter(input.id),
    'solution.ts': solution(input.id),
    'checks.ts': checks(),
  };
}
