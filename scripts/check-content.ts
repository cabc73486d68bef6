/**
 * Verifies the course content before a deploy:
 *   npm run check:content [-- --runtime node|worker]
 * Lessons and exercises match their schemas, every reference exists, every lesson objective is
 * practised by an exercise (printed as a table), exercises type-check,
 * every solution passes and every starter fails at least one check, in host Node and in the
 * in-browser Worker (Chromium, on the site's grading and sandbox, bundled afresh). Exits 1 and lists what to fix.
 */
import { coverageTable } from '../src/course/objectives.ts';
import { resolveCoursePaths } from '../src/course/paths.ts';
import { checkContent, type RuntimeName } from '../src/grading/check-content.ts';
import { oneOf, parseCommandLine, runCommand } from './cli.ts';

export const RUNTIMES = ['node', 'worker'] as const satisfies readonly RuntimeName[];
const usage = `Usage: npm run check:content [-- --runtime ${RUNTIMES.join('|')}]  (both runtimes without --runtime)`;

export interface CheckContentArgs {
  runtimes: RuntimeName[];
}

export function parseCheckContentArgs(args: readonly string[]): CheckContentArgs {
  const { values } = parseCommandLine(args, { runtime: { type: 'string', multiple: true } });
  const runtimes = (values.runtime ?? [...RUNTIMES]).map((runtime) => oneOf('runtime', runtime, RUNTIMES));
  return { runtimes: [...new Set(runtimes)] };
}

async function main({ runtimes }: CheckContentArgs): Promise<void> {
  const { contentDir } = resolveCoursePaths();
  const report = await checkContent(contentDir, runtimes);

  for (const row of report.graded) {
    console.log(`${row.solution === 'pass' ? '✓' : '✗'} ${row.id.padEnd(24)} ${row.runtime.padEnd(7)} solution ${row.solution}, starter fails ${row.starterFailed} check(s)`);
  }
  if (report.objectives.length) console.log(`\nLesson objectives and the exercises that practise them:\n${coverageTable(report.objectives)}`);
  if (report.problems.length) {
    console.error(`\n${report.problems.length} problem(s) in ${contentDir}:\n${report.problems.map((p) => `- ${p}`).join('\n')}`);
  }
  const parts = Object.entries(report.parts).map(([part, seconds]) => `${part} ${seconds.toFixed(1)} s`);
  if (parts.length) console.log(`\nFinished (side by side, from the start): ${parts.join(', ')}.`);
  console.log(`\n${report.exercises} exercise(s) checked in ${runtimes.join(' and ')} in ${report.seconds.toFixed(1)} s: ${report.problems.length ? 'FAILED' : 'all good'}.`);
  process.exit(report.problems.length ? 1 : 0);
}

if (import.meta.main) await runCommand(usage, () => parseCheckContentArgs(process.argv.slice(2)), main);
