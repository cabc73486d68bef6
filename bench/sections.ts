import type { Figure } from './lib.ts';

/** What the benchmark sections gave: their figures and time, and why any of them failed to run. */
export interface SectionLog {
  figures: Record<string, Figure[]>;
  seconds: Record<string, number>;
  failures: string[];
}

export const emptySectionLog = (): SectionLog => ({ figures: {}, seconds: {}, failures: [] });

/**
 * Runs one section into `log`. A thrown error, no figure at all, or a figure whose value is not
 * a number is a failure; the other sections still run, and the run exits non-zero at the end.
 */
export async function runSection(log: SectionLog, name: string, measure: () => Promise<Figure[]>): Promise<void> {
  const started = performance.now();
  try {
    const figures = await measure();
    const broken = figures.filter((f) => !Number.isFinite(f.value)).map((f) => f.name.trim());
    if (figures.length === 0) log.failures.push(`${name}: no figures`);
    else if (broken.length) log.failures.push(`${name}: no value for ${broken.join(', ')}`);
    log.figures[name] = figures;
  } catch (error) {
    log.failures.push(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    log.seconds[name] = (performance.now() - started) / 1000;
  }
}
