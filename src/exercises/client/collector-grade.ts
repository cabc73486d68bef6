/**
 * Grading a Collector configuration exercise in the page: nothing runs; the exercise's checks read
 * the learner's YAML. Its problems come back as the editor's run errors, so that a syntax error
 * or an unknown component is marked at its line.
 */
import type { CheckResults } from '../../checks/index.ts';
import type { RunError } from '../../../sandboxes/wire/protocol.ts';
import type { ExerciseSource } from '../request.ts';

export interface GradedConfig {
  results: CheckResults;
  /** Errors and warnings of the configuration, at their line of the learner's file. */
  errors: RunError[];
}

export async function gradeCollectorConfig(source: ExerciseSource, text: string, loadChecks: () => Promise<{ default: unknown }>): Promise<GradedConfig> {
  const [checks, { runCollectorChecks }, { isCollectorChecks }] = await Promise.all([
    loadChecks(),
    import('../../collector/checks/runner.ts'),
    import('../../collector/checks/define.ts'),
  ]);
  if (!isCollectorChecks(checks.default)) throw new Error(`The checks of ${source.id} are not Collector checks (defineCollectorChecks).`);
  const { results, problems } = runCollectorChecks(checks.default, text, source.meta.file);
  const errors = problems.map(
    (p): RunError => ({
      kind: p.message.startsWith('YAML syntax') ? 'compile' : 'runtime',
      name: p.severity === 'error' ? 'Configuration error' : 'Warning',
      message: p.message,
      ...(p.line === undefined ? {} : { at: { file: source.meta.file, line: p.line, column: p.column ?? 1 } }),
    }),
  );
  return { results, errors };
}
