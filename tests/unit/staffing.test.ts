import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { peakHeadcount, stepInForce, untilNextStep } from '../../src/scenario/staffing.js';
import type { ScheduleStep } from '../../src/scenario/types.js';

const H = 3600;
const DAY = 86400;

const steps: ScheduleStep[] = [
  { at: 8 * H, agents: 10 },
  { at: 12 * H, agents: 14 },
  { at: 18 * H, agents: 6 },
  { at: 22 * H, agents: 2 },
];

describe('stepInForce', () => {
  it('is the last step at or before the time of day', () => {
    expect(stepInForce(steps, 8 * H)).toBe(0);
    expect(stepInForce(steps, 8 * H + 1)).toBe(0);
    expect(stepInForce(steps, 12 * H - 1)).toBe(0);
    expect(stepInForce(steps, 12 * H)).toBe(1);
    expect(stepInForce(steps, 17 * H)).toBe(1);
    expect(stepInForce(steps, 18 * H)).toBe(2);
    expect(stepInForce(steps, 22 * H)).toBe(3);
    expect(stepInForce(steps, DAY - 1)).toBe(3);
  });

  it("before the day's first step, yesterday's last step is in force", () => {
    expect(stepInForce(steps, 0)).toBe(3);
    expect(stepInForce(steps, 8 * H - 1)).toBe(3);
  });

  it('a step at midnight covers the early hours', () => {
    const s: ScheduleStep[] = [
      { at: 0, agents: 1 },
      { at: 9 * H, agents: 5 },
    ];
    expect(stepInForce(s, 0)).toBe(0);
    expect(stepInForce(s, 3 * H)).toBe(0);
    expect(stepInForce(s, 9 * H)).toBe(1);
  });

  it('property: matches the latest step at or before the time, else the last step', () => {
    const schedule = fc
      .uniqueArray(fc.integer({ min: 0, max: DAY - 1 }), { minLength: 1, maxLength: 10 })
      .map((ats) => ats.sort((a, b) => a - b).map((at, i) => ({ at, agents: i })));
    fc.assert(
      fc.property(schedule, fc.double({ min: 0, max: DAY, maxExcluded: true, noNaN: true }), (s, tod) => {
        const started = s.filter((x) => x.at <= tod);
        const want = started.length > 0 ? s.indexOf(started[started.length - 1]) : s.length - 1;
        expect(stepInForce(s, tod)).toBe(want);
      }),
    );
  });

  it('a single step is always in force', () => {
    const s: ScheduleStep[] = [{ at: 10 * H, agents: 3 }];
    for (const t of [0, 10 * H - 1, 10 * H, 20 * H]) expect(stepInForce(s, t)).toBe(0);
  });
});

describe('untilNextStep', () => {
  it('is the time to the next step later the same day', () => {
    expect(untilNextStep(steps, 0, 8 * H)).toBe(4 * H);
    expect(untilNextStep(steps, 0, 9 * H)).toBe(3 * H);
    expect(untilNextStep(steps, 2, 18 * H + 60)).toBe(4 * H - 60);
  });

  it("wraps from the day's last step to tomorrow's first", () => {
    expect(untilNextStep(steps, 3, 22 * H)).toBe(10 * H);
    expect(untilNextStep(steps, 3, 23 * H)).toBe(9 * H);
    // Before the first step, yesterday's last step holds until the first step today.
    expect(untilNextStep(steps, 3, 2 * H)).toBe(6 * H);
    expect(untilNextStep(steps, 3, 0)).toBe(8 * H);
  });

  it('a single step comes back after 24 hours', () => {
    const s: ScheduleStep[] = [{ at: 10 * H, agents: 3 }];
    expect(untilNextStep(s, 0, 10 * H)).toBe(DAY);
    expect(untilNextStep(s, 0, 11 * H)).toBe(23 * H);
    expect(untilNextStep(s, 0, 9 * H)).toBe(H);
  });

  it('property: walking the schedule from any time visits each step at its time of day, once a day', () => {
    const schedule = fc
      .uniqueArray(fc.integer({ min: 0, max: DAY / 60 - 1 }), { minLength: 1, maxLength: 8 })
      .map((mins) => mins.sort((a, b) => a - b).map((m, i) => ({ at: m * 60, agents: i })));
    fc.assert(
      fc.property(schedule, fc.integer({ min: 0, max: DAY - 1 }), (s, start) => {
        let step = stepInForce(s, start);
        let tod = start;
        let elapsed = 0;
        for (let i = 0; i < 2 * s.length; i++) {
          const d = untilNextStep(s, step, tod);
          expect(d).toBeGreaterThan(0);
          expect(d).toBeLessThanOrEqual(DAY);
          step = (step + 1) % s.length;
          elapsed += d;
          tod = s[step].at;
          // The new step is the one in force at its own time of day.
          expect(stepInForce(s, tod)).toBe(step);
          expect((start + elapsed) % DAY).toBe(tod);
        }
        // From a step change, one full cycle of the schedule takes exactly one day.
        let cycle = 0;
        let k = step;
        for (let i = 0; i < s.length; i++) {
          cycle += untilNextStep(s, k, s[k].at);
          k = (k + 1) % s.length;
        }
        expect(cycle).toBe(DAY);
      }),
    );
  });
});

describe('peakHeadcount', () => {
  it('is the largest step, or the constant headcount without a schedule', () => {
    expect(peakHeadcount(7, steps)).toBe(14);
    expect(peakHeadcount(7, null)).toBe(7);
    expect(peakHeadcount(7, [{ at: 0, agents: 0 }])).toBe(0);
  });
});
