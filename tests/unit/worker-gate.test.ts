import { describe, expect, it } from 'vitest';
import { holdForCompiler } from '../../src/runtime/compiler-priority.ts';
import { workerGate } from '../../src/editor/monaco/worker-gate.ts';

const settled = async (promise: Promise<void>): Promise<boolean> => {
  let done = false;
  void promise.then(() => (done = true));
  // Several turns: the gate chains a promise or two.
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
};

describe('Monaco’s TypeScript worker waits until it is wanted', () => {
  it('stays shut until opened, however long the page waits', async () => {
    const gate = workerGate();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await settled(gate.opened)).toBe(false);
    gate.open();
    expect(await settled(gate.opened)).toBe(true);
  });

  it('opens once: a second open changes nothing', async () => {
    const gate = workerGate();
    gate.open();
    gate.open();
    await gate.opened;
  });

  it('once wanted, still waits while the transpiler Worker holds start-up work for a Run', async () => {
    const gate = workerGate();
    const release = holdForCompiler();
    gate.open();
    expect(await settled(gate.opened)).toBe(false);
    release();
    expect(await settled(gate.opened)).toBe(true);
  });
});
