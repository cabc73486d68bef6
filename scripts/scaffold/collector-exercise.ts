/**
 * `npm run new:exercise -- <id> --lesson <slug> --kind collector-config`: a Collector
 * configuration exercise that passes `check:content` as generated: a starter YAML that the
 * Collector would accept but that fails a check, a solution that passes every check, and checks
 * over the configuration and over the decisions of its `tail_sampling` policies.
 */
import { PLACEHOLDER } from '../../src/course/placeholders.ts';
import { objectivesYaml, type ExerciseScaffoldInput } from './exercise-input.ts';

const yamlString = (text: string): string => JSON.stringify(text);

export function collectorExerciseFiles({ title, lesson, objectives }: ExerciseScaffoldInput): Record<string, string> {
  return {
    'exercise.yaml': `# Fields: content/exercises/README.md. Check it with: npm run check:content
# ${PLACEHOLDER}: a worked example (keep every error trace) that passes every check as generated.
# Make the title, prompt, hints and configuration your lesson's, then delete these two lines.
kind: collector-config
title: ${yamlString(title)}
lesson: ${lesson}
${objectivesYaml(objectives)}prompt: |
  This Collector keeps a tenth of all traces. Make it also keep **every trace with an error**,
  then press Check.
file: collector.yaml
readonly: [traces.ts]
hints:
  - >-
    Policies vote independently, and a trace is kept when any policy samples it: add a policy
    beside the probabilistic one.
  - >-
    \`type: status_code\` with \`status_code: {status_codes: [ERROR]}\` keeps every trace that has
    a span with status ERROR.
`,
    'traces.ts': `// The traces the checks run through the configuration's tail_sampling policies: 100
// traces, every tenth one failed.
import type { TraceData } from '#checks';

const base = 1_767_225_600_000_000_000n; // 2026-01-01, in nanoseconds

export const traces: TraceData[] = Array.from({ length: 100 }, (_, i) => {
  const traceId = (0x9e3779b97f4a7c15n * BigInt(i + 1)).toString(16).padStart(32, '0').slice(-32);
  const start = base + BigInt(i) * 100_000_000n;
  return {
    traceId,
    spans: [
      {
        traceId,
        spanId: (i + 1).toString(16).padStart(16, '0'),
        name: 'GET /orders',
        kind: 'SERVER',
        startTimeUnixNano: start.toString(),
        endTimeUnixNano: (start + 30_000_000n).toString(),
        attributes: {},
        events: [],
        links: [],
        status: { code: i % 10 === 3 ? 'ERROR' : 'UNSET' },
        resource: { 'service.name': 'orders' },
        scope: { name: 'orders' },
      },
    ],
  };
});
`,
    'starter.yaml': starterYaml(false),
    'solution.yaml': starterYaml(true),
    'checks.ts': `// The check library for Collector configurations: content/exercises/README.md.
import { collectorCheck, defineCollectorChecks, traceHasError } from '#checks';
import { traces } from './traces.ts';

export default defineCollectorChecks(
  [
    collectorCheck('The Collector starts with this configuration', ({ collector }) => collector.isValid()),
    collectorCheck('The traces pipeline runs tail_sampling', ({ collector }) => {
      collector.pipeline('traces').processesWith('tail_sampling');
    }),
    collectorCheck('Every trace with an error is kept', ({ collector }) => {
      collector.tailSampling().keepsAll('traces with an error', traceHasError);
    }),
  ],
  { traces },
);
`,
  };
}

function starterYaml(solved: boolean): string {
  const errors = solved
    ? `      - name: errors
        type: status_code
        status_code:
          status_codes: [ERROR]
`
    : '';
  return `receivers:
  otlp:
    protocols:
      grpc:

processors:
  tail_sampling:
    decision_wait: 10s
    policies:
${errors}      - name: a-tenth
        type: probabilistic
        probabilistic:
          sampling_percentage: 10

exporters:
  debug:

service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [tail_sampling]
      exporters: [debug]
`;
}
