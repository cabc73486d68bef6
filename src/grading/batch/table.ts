import type { BatchResults } from './batch.ts';

/** The first line of the first thing that went wrong, for one cell of a table. */
function firstProblem(results: BatchResults['submissions'][number]['results']): string {
  const failed = results.tests.find((t) => t.status !== 'pass');
  const text = results.message ?? (failed ? `${failed.name}: ${failed.message ?? failed.status}` : '');
  const line = text.split('\n')[0] ?? '';
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

/**
 * The batch as a plain-text table for a terminal: one row per submission (status, checks passed,
 * seconds, the first problem), then the totals.
 */
export function formatTable(batch: BatchResults): string {
  const rows = batch.submissions.map((s) => [
    s.file,
    s.results.status,
    `${s.results.tests.filter((t) => t.status === 'pass').length}/${s.results.tests.length}`,
    s.seconds.toFixed(1),
    firstProblem(s.results),
  ]);
  const header = ['submission', 'status', 'checks', 'seconds', 'first problem'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // The last column is not padded: trailing spaces would only wrap lines in a narrow terminal.
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const { total, pass, fail, error } = batch.summary;
  return [
    line(header),
    line(widths.map((w, i) => (i === widths.length - 1 ? '-'.repeat(header[i]!.length) : '-'.repeat(w)))),
    ...rows.map(line),
    '',
    `${batch.exercise.title} (${batch.exercise.id}): ${total} submission${total === 1 ? '' : 's'}, ${pass} passed, ${fail} failed, ${error} could not be checked, in ${batch.seconds.toFixed(1)} s.`,
  ].join('\n');
}
