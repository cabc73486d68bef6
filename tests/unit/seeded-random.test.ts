import { describe, expect, it } from 'vitest';
import { randomHex, seededRandom } from '../../sandboxes/wire/seeded-random.ts';
import { inputRandom } from '../../sandboxes/harness/inputs.ts';
import { createTraffic } from '../../src/collector/checks/traffic.ts';
import { simulateStream } from '../../src/diagrams/sampling-simulation.ts';
import { createTrace } from '../../src/trace-reading/trace-builder.ts';

describe('the seeded random generator every part of the course shares', () => {
  it('draws mulberry32’s numbers: the same ones it drew before it was shared', () => {
    const next = seededRandom(42);
    expect([next(), next(), next()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('gives the same numbers for the same seed, and others for another seed', () => {
    const draw = (seed: number) => {
      const next = seededRandom(seed);
      return Array.from({ length: 20 }, () => next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    for (const value of draw(123)) expect(value >= 0 && value < 1).toBe(true);
  });

  it('makes ids of lowercase hex digits', () => {
    expect(randomHex(seededRandom(1), 32)).toMatch(/^[0-9a-f]{32}$/);
    expect(randomHex(seededRandom(1), 16)).toBe(randomHex(seededRandom(1), 16));
  });

  it('is what hidden inputs, made-up traces, traffic and the sampling chart draw from: same seed, same output', () => {
    const input = (seed: number) => {
      const random = inputRandom(seed, 'order id');
      return [random.int(1, 1000), random.word(8), random.pick(['a', 'b', 'c'])];
    };
    expect(input(20261206)).toEqual(input(20261206));
    const trace = (seed: number) => {
      const t = createTrace({ seed });
      t.span({ name: 'root', service: 'shop', startMs: 0, durationMs: t.between(10, 90) });
      return t.records();
    };
    expect(trace(5)).toEqual(trace(5));
    const traffic = (seed: number) => {
      const t = createTraffic(seed);
      return [t.hex(32), t.hex(16), t.nanos(t.startMs + t.random() * 100)];
    };
    expect(traffic(61)).toEqual(traffic(61));
    expect(createTraffic(61).nanos(1.0004)).toBe('1000000');
    const stream = { requests: 200, errorRate: 0.05, slowRate: 0.1, seed: 3 };
    expect(simulateStream(stream)).toEqual(simulateStream(stream));
  });
});
