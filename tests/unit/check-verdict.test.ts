import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { decide, intervalVerdict, lookSchedule, perLookLevel, SequentialVerdict } from '../../src/check/verdict.js';

describe('interval verdicts', () => {
  it('pass when the whole interval is on the right side, fail when wholly on the wrong side', () => {
    expect(intervalVerdict(0.81, 0.85, '>=', 0.8)).toBe('pass');
    expect(intervalVerdict(0.8, 0.85, '>=', 0.8)).toBe('pass');
    expect(intervalVerdict(0.8, 0.85, '>', 0.8)).toBe('inconclusive');
    expect(intervalVerdict(0.7, 0.79, '>=', 0.8)).toBe('fail');
    expect(intervalVerdict(0.78, 0.82, '>=', 0.8)).toBe('inconclusive');
    expect(intervalVerdict(10, 20, '<', 30)).toBe('pass');
    expect(intervalVerdict(10, 30, '<', 30)).toBe('inconclusive');
    expect(intervalVerdict(10, 30, '<=', 30)).toBe('pass');
    expect(intervalVerdict(31, 40, '<=', 30)).toBe('fail');
  });

  it('decide leaves out undefined values and needs two to judge noise', () => {
    expect(decide([NaN, NaN], '>=', 1, 0.95)).toEqual({ verdict: 'inconclusive', mean: null, ci: null, n: 0 });
    expect(decide([5, NaN], '>=', 1, 0.95).verdict).toBe('inconclusive');
    // No noise at all: a zero-width interval decides at once.
    expect(decide([5, 5, 5], '>=', 1, 0.95)).toEqual({ verdict: 'pass', mean: 5, ci: [5, 5], n: 3 });
  });
});

describe('the look schedule', () => {
  it('doubles from the first look and ends exactly at the maximum', () => {
    expect(lookSchedule(10, 200)).toEqual([10, 20, 40, 80, 160, 200]);
    expect(lookSchedule(10, 10)).toEqual([10]);
    expect(lookSchedule(50, 20)).toEqual([20]);
    expect(lookSchedule(1, 4)).toEqual([2, 4]);
  });

  it('is increasing, ends at max, and splits the error budget over its looks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 2, max: 5000 }), fc.double({ min: 0.5, max: 0.999, noNaN: true }), (first, max, c) => {
        const looks = lookSchedule(first, max);
        expect(looks.at(-1)).toBe(max);
        for (let i = 1; i < looks.length; i++) expect(looks[i]).toBeGreaterThan(looks[i - 1]);
        const level = perLookLevel(c, looks.length);
        expect((1 - level) * looks.length).toBeCloseTo(1 - c, 12);
      }),
    );
  });
});

/**
 * Runs a sequential check on normal values with true mean `mu` against
 * `>= target`, `trials` times, and returns how often it decided wrongly
 * (failed although mu >= target). `levelOverride` replaces the honest
 * per-look level, to show what naive repeated looks do.
 */
function wrongFailRate(mu: number, target: number, trials: number, seed: string, levelOverride?: number): number {
  const rng = seedrandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const looks = lookSchedule(5, 160);
  let wrong = 0;
  for (let trial = 0; trial < trials; trial++) {
    const values = Array.from({ length: 160 }, () => mu + normal());
    const s = new SequentialVerdict('>=', target, 0.95, looks.length);
    for (const n of looks) {
      const d = levelOverride === undefined ? s.look(values.slice(0, n)) : decide(values.slice(0, n), '>=', target, levelOverride);
      if (d.verdict !== 'inconclusive') {
        if (d.verdict === 'fail') wrong++;
        break;
      }
    }
  }
  return wrong / trials;
}

describe('sequential looks keep the stated confidence', () => {
  // At the target itself the truth is "pass" (mu >= target), and a fail is the error.
  it('errs at most 1 - confidence across all looks (Monte Carlo, 4000 trials)', () => {
    const rate = wrongFailRate(0, 0, 4000, 'honest');
    // One-sided error budget: at most 2.5% here; allow Monte Carlo noise (sd ~ 0.25%).
    expect(rate).toBeLessThan(0.05);
    expect(rate).toBeLessThan(0.025 + 0.01);
  });

  it('naive repeated looks at 95% each err more often than one look does', () => {
    const naive = wrongFailRate(0, 0, 4000, 'naive', 0.95);
    // One look at 95% errs 2.5% on this side; six looks compound it.
    expect(naive).toBeGreaterThan(0.04);
  });

  it('decides clear cases and keeps the first decision', () => {
    const s = new SequentialVerdict('<', 10, 0.95, 3);
    expect(s.look([1, 2, 3]).verdict).toBe('pass');
    expect(s.replications).toBe(3);
    // Later, contrary values do not reopen a final verdict.
    expect(s.look([50, 60, 70, 80]).verdict).toBe('pass');
    expect(s.replications).toBe(3);
  });
});
