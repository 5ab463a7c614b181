import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatDuration, formatElapsed, formatSeconds, formatSimulatedClock, formatTimeOfDay } from '../../src/format/time.js';
import { parseDuration } from '../../src/scenario/units.js';

describe('time formats', () => {
  it('writes exact durations that parse back', () => {
    expect(formatDuration(5400)).toBe('1h30m');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(90061)).toBe('1d1h1m1s');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (s) => {
        const back = parseDuration(formatDuration(s));
        expect(back).toEqual({ ok: true, value: s });
      }),
    );
  });

  it('writes table cells in the largest fitting unit', () => {
    expect(formatSeconds(null)).toBe('-');
    expect(formatSeconds(7.44)).toBe('7.4s');
    expect(formatSeconds(750)).toBe('12.5m');
    expect(formatSeconds(5472)).toBe('1.52h');
  });

  it('writes times of day, simulated clocks and elapsed wall time', () => {
    expect(formatTimeOfDay(8 * 3600 + 30 * 60)).toBe('08:30');
    expect(formatTimeOfDay(0)).toBe('00:00');
    expect(formatSimulatedClock(0, 8 * 3600)).toBe('d1 08:00');
    expect(formatSimulatedClock(26 * 3600, 0)).toBe('d2 02:00');
    expect(formatElapsed(187)).toBe('3:07');
    expect(formatElapsed(3600)).toBe('60:00');
  });
});
