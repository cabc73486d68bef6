import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../src/grading/check-content.ts';

describe('mapLimit (check:content grades several exercises at once)', () => {
  it('keeps the items\' order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const releases: Array<() => void> = [];
    const done = mapLimit([1, 2, 3, 4, 5], 2, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => releases.push(resolve));
      running -= 1;
      return n * 10;
    });
    // Release whichever task waits, last first, until all five have run.
    for (let released = 0; released < 5; released += 1) {
      await expect.poll(() => releases.length).toBeGreaterThan(0);
      releases.pop()!();
    }
    expect(await done).toEqual([10, 20, 30, 40, 50]);
    expect(most).toBe(2);
  });

  it('gives an empty list for no items', async () => {
    expect(await mapLimit([], 3, async () => 1)).toEqual([]);
  });
});
