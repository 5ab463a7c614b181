import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { meanCI, pairedDifferenceCI, studentTQuantile } from '../../src/metrics/ci.js';

describe('studentTQuantile', () => {
  it.each([
    [1, 12.7062],
    [2, 4.3027],
    [4, 2.7764],
    [9, 2.2622],
    [29, 2.0452],
    [1000, 1.9623],
  ])('t(0.975, %s) = %s', (df, expected) => {
    expect(Math.abs(studentTQuantile(0.975, df) - expected)).toBeLessThan(1e-4);
  });

  it('matches the closed forms for df = 1 and df = 2', () => {
    for (const p of [0.6, 0.9, 0.975, 0.999]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9);
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 9);
    }
  });

  it('is antisymmetric and tends to the normal quantile', () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.025, 5)).toBeCloseTo(-studentTQuantile(0.975, 5), 12);
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959964, 6);
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 6);
  });

  it('rejects bad inputs', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
  });
});

describe('meanCI', () => {
  it('matches a hand-computed interval', () => {
    // mean 3, s = sqrt(2.5), half-width = t(0.975, 4) sqrt(2.5) / sqrt(5) = 2.776445 * 0.707107
    const ci = meanCI([1, 2, 3, 4, 5]);
    expect(ci.n).toBe(5);
    expect(ci.mean).toBe(3);
    expect(ci.lo).toBeCloseTo(3 - 1.963243, 5);
    expect(ci.hi).toBeCloseTo(3 + 1.963243, 5);
  });

  it('uses the requested level', () => {
    // 90%: t(0.95, 3) = 2.353363; values 2,4,6,8: mean 5, s = sqrt(20/3)
    const ci = meanCI([2, 4, 6, 8], 0.9);
    const half = (2.353363 * Math.sqrt(20 / 3)) / 2;
    expect(ci.lo).toBeCloseTo(5 - half, 5);
    expect(ci.hi).toBeCloseTo(5 + half, 5);
  });

  it('ignores NaN and non-finite values', () => {
    expect(meanCI([1, NaN, 2, 3, Infinity, 4, 5, -Infinity])).toEqual(meanCI([1, 2, 3, 4, 5]));
  });

  it('n = 1 gives a degenerate interval, n = 0 gives NaN', () => {
    expect(meanCI([7, NaN])).toEqual({ mean: 7, lo: 7, hi: 7, n: 1 });
    const empty = meanCI([NaN]);
    expect(empty.n).toBe(0);
    expect(empty.mean).toBeNaN();
    expect(empty.lo).toBeNaN();
    expect(empty.hi).toBeNaN();
    expect(meanCI([]).n).toBe(0);
  });

  it('property: lo <= mean <= hi, and repeating the data narrows the interval', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 50 }),
        (xs) => {
          const ci = meanCI(xs);
          expect(ci.lo).toBeLessThanOrEqual(ci.mean);
          expect(ci.mean).toBeLessThanOrEqual(ci.hi);
          const twice = meanCI([...xs, ...xs]);
          expect(twice.n).toBe(2 * xs.length);
          const tol = 1e-9 * (1 + Math.abs(ci.mean) + (ci.hi - ci.lo));
          expect(twice.hi - twice.lo).toBeLessThanOrEqual(ci.hi - ci.lo + tol);
        },
      ),
    );
  });
});

describe('pairedDifferenceCI', () => {
  it('is the mean CI of the differences over pairs with both sides finite', () => {
    const a = [10, 12, NaN, 15, 11];
    const b = [9, 10, 8, Infinity, 10.5];
    expect(pairedDifferenceCI(a, b)).toEqual(meanCI([1, 2, 0.5]));
  });

  it('rejects unequal lengths', () => {
    expect(() => pairedDifferenceCI([1, 2], [1])).toThrow(RangeError);
  });
});
