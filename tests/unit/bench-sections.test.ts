import { describe, expect, it } from 'vitest';
import { info } from '../../bench/lib.ts';
import { emptySectionLog, runSection } from '../../bench/sections.ts';

describe('a benchmark section', () => {
  it('that returns numbers is logged without failure', async () => {
    const log = emptySectionLog();
    await runSection(log, 'viewer', async () => [info('render 100 spans', 12.5)]);
    expect(log.failures).toEqual([]);
    expect(log.figures.viewer).toEqual([{ name: 'render 100 spans', value: 12.5, unit: 'ms' }]);
    expect(log.seconds.viewer).toBeGreaterThanOrEqual(0);
  });

  it('that throws fails, and the next section still runs', async () => {
    const log = emptySectionLog();
    await runSection(log, 'runtime', async () => {
      throw new Error('the playground never got ready');
    });
    await runSection(log, 'editor', async () => [info('first interaction to an editable editor', 300)]);
    expect(log.failures).toHaveLength(1);
    expect(log.failures[0]).toMatch(/^runtime: Error: the playground never got ready/);
    expect(Object.keys(log.figures)).toEqual(['editor']);
  });

  it('that returns no figure fails', async () => {
    const log = emptySectionLog();
    await runSection(log, 'build', async () => []);
    expect(log.failures).toEqual(['build: no figures']);
  });

  it('that returns a figure without a number fails, naming it', async () => {
    const log = emptySectionLog();
    await runSection(log, 'lighthouse', async () => [info('score', 98, 'score'), info('  longest task', Number.NaN)]);
    expect(log.failures).toEqual(['lighthouse: no value for longest task']);
  });
});
