import { describe, expect, it } from 'vitest';
import { formatDuration, formatOffset } from '../../src/trace/viewer/format.ts';

const ns = (n: number) => n / 1e6;

describe('formatDuration: one unit ladder, three significant digits', () => {
  it('moves up a unit at 1,000: 1,000 ns is 1 µs, 1,000 µs is 1 ms, 1,000 ms is 1 s', () => {
    expect([ns(999), ns(1_000), ns(999_000), ns(1_000_000), 999, 1_000].map(formatDuration)).toEqual(['999 ns', '1 µs', '999 µs', '1 ms', '999 ms', '1 s']);
  });

  it('keeps three significant digits in every unit and drops trailing zeros', () => {
    expect([ns(40), ns(1_234), ns(12_345), ns(123_456), 1.2345, 12.345, 123.45, 1_234.5, 12_345].map(formatDuration)).toEqual([
      '40 ns',
      '1.23 µs',
      '12.3 µs',
      '123 µs',
      '1.23 ms',
      '12.3 ms',
      '123 ms',
      '1.23 s',
      '12.3 s',
    ]);
    expect([ns(1_500), 2.5, 2_000].map(formatDuration)).toEqual(['1.5 µs', '2.5 ms', '2 s']);
  });

  it('carries rounding over to the next unit instead of showing 1000', () => {
    expect([ns(999_700), 999.7, ns(999.7)].map(formatDuration)).toEqual(['1 ms', '1 s', '1 µs']);
  });

  it('writes a minute or more in minutes and seconds, without "60 s"', () => {
    expect([59_999, 60_000, 65_000, 119_600, 3_600_000].map(formatDuration)).toEqual(['1 min 0 s', '1 min 0 s', '1 min 5 s', '2 min 0 s', '60 min 0 s']);
  });

  it('zero, negatives and offsets', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(-ns(1_500))).toBe('-1.5 µs');
    expect(formatOffset(26)).toBe('+26 ms');
    expect(formatOffset(ns(3_000))).toBe('+3 µs');
    expect(formatDuration(Number.NaN)).toBe('?');
  });
});
