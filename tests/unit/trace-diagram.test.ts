import { describe, expect, it } from 'vitest';
import { formatMs, layoutDiagram, niceStep } from '../../src/diagrams/trace-diagram.ts';

describe('layoutDiagram', () => {
  const checkout = [
    { name: 'POST /checkout', start: 0, duration: 450, depth: 0, service: 'checkout' },
    { name: 'Charge payment', start: 26, duration: 380, depth: 1, service: 'checkout', mark: 'bottleneck' as const },
    { name: 'Stripe API call', start: 28, duration: 375, depth: 2, service: 'stripe' },
  ];

  it('places bars on a shared axis as percentages of the whole trace', () => {
    const layout = layoutDiagram(checkout);
    expect(layout.total).toBe(450);
    expect(layout.rows[1]).toMatchObject({ left: (26 / 450) * 100, width: (380 / 450) * 100, colour: 0 });
    expect(layout.rows[2]!.colour).toBe(1);
    expect(layout.services).toEqual(['checkout', 'stripe']);
    expect(layout.ticks.map((t) => t.label)).toEqual(['0 ms', '200 ms', '400 ms']);
    expect(layout.tickSpacing).toBeCloseTo((200 / 450) * 100);
  });

  it('rejects spans a lesson got wrong, naming the span', () => {
    expect(() => layoutDiagram([])).toThrow(/non-empty/);
    expect(() => layoutDiagram([{ name: 'a', start: 0, duration: -1, depth: 0 }])).toThrow('span 1 ("a"): duration must be a number >= 0');
    expect(() => layoutDiagram([{ name: 'a', start: 0, duration: 1, depth: 0 }, { name: 'b', start: 0, duration: 1, depth: 2 }])).toThrow(
      'span 2 ("b"): depth 2 skips a level',
    );
  });

  it('chooses round tick steps and readable durations', () => {
    expect(niceStep(450, 4)).toBe(200);
    expect(niceStep(450, 5)).toBe(100);
    expect(niceStep(8, 4)).toBe(2);
    expect(formatMs(375)).toBe('375 ms');
    expect(formatMs(2.5)).toBe('2.5 ms');
    expect(formatMs(1500)).toBe('1.5 s');
  });
});
