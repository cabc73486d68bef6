import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterCompilerHolds, compilerHolds, holdForCompiler, LONGEST_HOLD_MS } from '../../src/runtime/compiler-priority.ts';

afterEach(() => vi.useRealTimers());

describe('start-up work waits while the compiler holds it', () => {
  it('goes at once when nothing holds it', async () => {
    expect(compilerHolds()).toBe(false);
    await afterCompilerHolds();
  });

  it('waits until the last of several holds ends; releasing twice counts once', async () => {
    const first = holdForCompiler();
    const second = holdForCompiler();
    let went = false;
    const waiting = afterCompilerHolds().then(() => (went = true));
    first();
    first();
    await Promise.resolve();
    expect(went).toBe(false);
    expect(compilerHolds()).toBe(true);
    second();
    await waiting;
    expect(went).toBe(true);
    expect(compilerHolds()).toBe(false);
  });

  it('never waits longer than the longest hold, even when a hold is never released', async () => {
    vi.useFakeTimers();
    holdForCompiler();
    let went = false;
    void afterCompilerHolds().then(() => (went = true));
    await vi.advanceTimersByTimeAsync(LONGEST_HOLD_MS - 1);
    expect(went).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(went).toBe(true);
  });
});
