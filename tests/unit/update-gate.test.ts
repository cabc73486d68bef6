import { describe, expect, it } from 'vitest';
import { runActivity, runStarted } from '../../src/offline/run-activity.ts';
import { offlineEnabled } from '../../src/offline/settings.ts';
import { UpdateGate } from '../../src/offline/update-gate.ts';
import { RunSession } from '../../src/runtime/run-session.ts';

describe('the update gate', () => {
  it('applies a waiting version at once when no Run is in flight, and only once', () => {
    let applied = 0;
    const gate = new UpdateGate(runActivity, () => applied++);
    expect(runActivity.inFlight).toBe(0);
    expect(gate.request()).toBe('applied');
    expect(gate.request()).toBe('applied');
    expect(applied).toBe(1);
  });

  it('waits for every Run in flight to end, then applies', () => {
    let applied = 0;
    const gate = new UpdateGate(runActivity, () => applied++);
    const endFirst = runStarted();
    const endSecond = runStarted();
    expect(gate.request()).toBe('waiting-for-run');
    expect(gate.request()).toBe('waiting-for-run');
    endFirst();
    endFirst(); // ending twice counts once
    expect(applied).toBe(0);
    expect(gate.state).toBe('waiting-for-run');
    endSecond();
    expect(applied).toBe(1);
    expect(gate.state).toBe('applied');
    // A later Run does not apply it again.
    runStarted()();
    expect(applied).toBe(1);
    expect(runActivity.inFlight).toBe(0);
  });

  it("counts RunSession's Runs, a replaced one until its task settles", async () => {
    const session = new RunSession({ run: () => Promise.reject(new Error('unused')) } as never);
    let applied = 0;
    const gate = new UpdateGate(runActivity, () => applied++);
    let finishFirst!: () => void;
    let finishSecond!: () => void;
    const first = session.latest(() => new Promise<string>((resolve) => (finishFirst = () => resolve('first'))));
    expect(runActivity.inFlight).toBe(1);
    const second = session.latest(() => new Promise<string>((resolve) => (finishSecond = () => resolve('second'))));
    expect(runActivity.inFlight).toBe(2);
    expect(gate.request()).toBe('waiting-for-run');
    finishSecond();
    expect(await second).toBe('second');
    expect(applied).toBe(0);
    finishFirst();
    expect(await first).toBeUndefined();
    expect(applied).toBe(1);
    expect(runActivity.inFlight).toBe(0);
  });
});

describe('offline settings', () => {
  it('is on unless COURSE_OFFLINE=off, and names the variable for any other value', () => {
    expect(offlineEnabled({})).toBe(true);
    expect(offlineEnabled({ COURSE_OFFLINE: 'on' })).toBe(true);
    expect(offlineEnabled({ COURSE_OFFLINE: 'off' })).toBe(false);
    expect(() => offlineEnabled({ COURSE_OFFLINE: 'false' })).toThrow(/COURSE_OFFLINE must be "on" or "off", not "false"/);
  });
});
