import { describe, it, expect } from 'vitest';
import { samplerOf, type CountSpec, type DistSpec } from '../../src/core/distributions.js';
import { createStream, KeyedUniform, type Uniform } from '../../src/core/rng.js';

const N = 100_000;

interface Moments {
  mean: number;
  variance: number;
  min: number;
  max: number;
  values: Float64Array;
}

function sampleMoments(spec: DistSpec | CountSpec, u: Uniform, n = N): Moments {
  const s = samplerOf(spec);
  const values = new Float64Array(n);
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = s.sample(u);
    values[i] = x;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return { mean, variance: ss / (n - 1), min, max, values };
}

interface Case {
  name: string;
  spec: DistSpec | CountSpec;
  /** Analytic mean and variance of the target distribution. */
  mean: number;
  variance: number;
  /** Analytic excess kurtosis (for the standard error of the sample variance). */
  excessKurtosis: number;
  /** True for distributions of whole counts >= 1. */
  count?: boolean;
}

function lognormalKurtosis(mean: number, sd: number): number {
  const s2 = Math.log(1 + (sd * sd) / (mean * mean));
  return Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 6;
}

function empiricalCase(values: number[]): Case {
  const n = values.length;
  const m = values.reduce((s, v) => s + v, 0) / n;
  const v2 = values.reduce((s, v) => s + (v - m) ** 2, 0) / n;
  const m4 = values.reduce((s, v) => s + (v - m) ** 4, 0) / n;
  return { name: `empirical [${values.join(', ')}]`, spec: { dist: 'empirical', values }, mean: m, variance: v2, excessKurtosis: m4 / (v2 * v2) - 3 };
}

function geometricCase(mean: number): Case {
  const p = 1 / mean;
  return {
    name: `geometric mean ${mean}`,
    spec: { dist: 'geometric', mean },
    mean,
    variance: (1 - p) / (p * p),
    excessKurtosis: p < 1 ? 6 + (p * p) / (1 - p) : 0,
    count: true,
  };
}

const cases: Case[] = [
  { name: 'exponential mean 120', spec: { dist: 'exponential', mean: 120 }, mean: 120, variance: 14400, excessKurtosis: 6 },
  { name: 'exponential mean 0.5', spec: { dist: 'exponential', mean: 0.5 }, mean: 0.5, variance: 0.25, excessKurtosis: 6 },
  { name: 'constant 42', spec: { dist: 'constant', value: 42 }, mean: 42, variance: 0, excessKurtosis: 0 },
  {
    name: 'lognormal mean 300 sd 150',
    spec: { dist: 'lognormal', mean: 300, sd: 150 },
    mean: 300,
    variance: 22500,
    excessKurtosis: lognormalKurtosis(300, 150),
  },
  {
    name: 'lognormal mean 60 sd 60 (cv 1)',
    spec: { dist: 'lognormal', mean: 60, sd: 60 },
    mean: 60,
    variance: 3600,
    excessKurtosis: lognormalKurtosis(60, 60),
  },
  { name: 'lognormal sd 0', spec: { dist: 'lognormal', mean: 90, sd: 0 }, mean: 90, variance: 0, excessKurtosis: 0 },
  // gamma: shape = (mean/sd)^2, excess kurtosis 6/shape.
  { name: 'gamma shape 4', spec: { dist: 'gamma', mean: 300, sd: 150 }, mean: 300, variance: 22500, excessKurtosis: 6 / 4 },
  { name: 'gamma shape 1', spec: { dist: 'gamma', mean: 80, sd: 80 }, mean: 80, variance: 6400, excessKurtosis: 6 },
  { name: 'gamma shape 25', spec: { dist: 'gamma', mean: 50, sd: 10 }, mean: 50, variance: 100, excessKurtosis: 6 / 25 },
  { name: 'gamma shape 0.5', spec: { dist: 'gamma', mean: 100, sd: 100 * Math.SQRT2 }, mean: 100, variance: 20000, excessKurtosis: 12 },
  { name: 'gamma shape 0.25', spec: { dist: 'gamma', mean: 30, sd: 60 }, mean: 30, variance: 3600, excessKurtosis: 24 },
  { name: 'gamma sd 0', spec: { dist: 'gamma', mean: 12, sd: 0 }, mean: 12, variance: 0, excessKurtosis: 0 },
  { name: 'uniform 10..50', spec: { dist: 'uniform', min: 10, max: 50 }, mean: 30, variance: 1600 / 12, excessKurtosis: -1.2 },
  { name: 'uniform 0..1', spec: { dist: 'uniform', min: 0, max: 1 }, mean: 0.5, variance: 1 / 12, excessKurtosis: -1.2 },
  empiricalCase([5, 10, 10, 30, 120]),
  empiricalCase([0, 60]),
  empiricalCase([7]),
  geometricCase(3.5),
  geometricCase(1.2),
  geometricCase(20),
  geometricCase(1),
  { name: 'constant count 4', spec: { dist: 'constant', value: 4 }, mean: 4, variance: 0, excessKurtosis: 0, count: true },
];

describe('samplerOf: analytic moments', () => {
  it.each(cases)('$name reports the analytic mean and variance', (c) => {
    const s = samplerOf(c.spec);
    expect(s.mean).toBeCloseTo(c.mean, 9);
    expect(s.variance).toBeCloseTo(c.variance, 6);
  });
});

describe('samplerOf: sample moments on 100k draws (within 5 standard errors)', () => {
  it.each(cases)('$name', (c) => {
    const stream = createStream(20240601, 0, `dist/${c.name}`);
    const m = sampleMoments(c.spec, stream);
    const seMean = Math.sqrt(c.variance / N);
    // Var(sample variance) ~ (mu4 - sigma^4) / n = (excess kurtosis + 2) sigma^4 / n
    // (zero for a symmetric two-point law, hence the small relative floor below).
    const seVar = Math.sqrt(((c.excessKurtosis + 2) * c.variance * c.variance) / N);
    if (c.variance === 0) {
      expect(m.min).toBe(c.mean);
      expect(m.max).toBe(c.mean);
    } else {
      expect(Math.abs(m.mean - c.mean)).toBeLessThan(5 * seMean);
      expect(Math.abs(m.variance - c.variance)).toBeLessThan(5 * seVar + 1e-3 * c.variance);
    }
    // Durations are never negative; everything is finite.
    expect(m.min).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(m.max)).toBe(true);
    if (c.count) {
      expect(m.min).toBeGreaterThanOrEqual(1);
      for (const x of m.values) if (!Number.isInteger(x)) expect.fail(`non-integer count ${x}`);
    }
  });

  it('the same moments hold with a KeyedUniform as the source (one draw per key, as in the simulator)', () => {
    const u = new KeyedUniform();
    for (const c of cases.filter((k) => k.variance > 0)) {
      const s = samplerOf(c.spec);
      let sum = 0;
      let sum2 = 0;
      let min = Infinity;
      const n = 20_000;
      for (let i = 0; i < n; i++) {
        const x = s.sample(u.select(i, 0xabcdef, 3, 0));
        if (x < min) min = x;
        sum += x;
        sum2 += x * x;
      }
      const mean = sum / n;
      const variance = (sum2 - n * mean * mean) / (n - 1);
      const seMean = Math.sqrt(c.variance / n);
      const seVar = Math.sqrt(((c.excessKurtosis + 2) * c.variance * c.variance) / n);
      expect(Math.abs(mean - c.mean), c.name).toBeLessThan(5 * seMean);
      expect(Math.abs(variance - c.variance), c.name).toBeLessThan(5 * seVar + 1e-3 * c.variance);
      expect(min, c.name).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('samplerOf: shapes', () => {
  /** Fraction of the sample <= x against the CDF F(x), within 5 standard errors. */
  function expectCdf(values: Float64Array, x: number, F: number): void {
    let below = 0;
    for (const v of values) if (v <= x) below++;
    const se = Math.sqrt((F * (1 - F)) / values.length);
    expect(Math.abs(below / values.length - F)).toBeLessThan(5 * se + 1e-12);
  }

  it('exponential has CDF 1 - exp(-x / mean)', () => {
    const { values } = sampleMoments({ dist: 'exponential', mean: 10 }, createStream(1, 0, 'exp-cdf'));
    for (const x of [1, 5, 10, 20, 40]) expectCdf(values, x, 1 - Math.exp(-x / 10));
  });

  it('geometric has P(X = k) = (1 - p)^(k - 1) p', () => {
    const mean = 2.5;
    const p = 1 / mean;
    const { values } = sampleMoments({ dist: 'geometric', mean }, createStream(1, 0, 'geo-pmf'));
    for (const k of [1, 2, 3, 5]) expectCdf(values, k, 1 - (1 - p) ** k);
  });

  it('lognormal has median mean / sqrt(1 + cv^2)', () => {
    const mean = 100;
    const sd = 80;
    const { values } = sampleMoments({ dist: 'lognormal', mean, sd }, createStream(1, 0, 'ln-median'));
    expectCdf(values, mean / Math.sqrt(1 + (sd * sd) / (mean * mean)), 0.5);
  });

  it('gamma with shape 1 is exponential', () => {
    const { values } = sampleMoments({ dist: 'gamma', mean: 10, sd: 10 }, createStream(1, 0, 'gamma-exp'));
    for (const x of [1, 5, 10, 20, 40]) expectCdf(values, x, 1 - Math.exp(-x / 10));
  });

  it('gamma with shape 0.5 is scale x chi-square(1) / 2: P(X <= x) = erf(sqrt(x / scale))', () => {
    // shape 0.5, scale = variance / mean.
    const mean = 10;
    const sd = mean * Math.SQRT2;
    const scale = (sd * sd) / mean;
    const { values } = sampleMoments({ dist: 'gamma', mean, sd }, createStream(1, 0, 'gamma-half'));
    // erf via a high-precision series (x small enough here).
    const erf = (z: number): number => {
      let term = z;
      let sum = z;
      for (let n = 1; n < 200; n++) {
        term *= (-z * z) / n;
        sum += term / (2 * n + 1);
      }
      return (2 / Math.sqrt(Math.PI)) * sum;
    };
    for (const x of [0.1, 1, 5, 10, 30]) expectCdf(values, x, erf(Math.sqrt(x / scale)));
  });

  it('uniform stays inside [min, max]', () => {
    const m = sampleMoments({ dist: 'uniform', min: 10, max: 50 }, createStream(1, 0, 'unif-range'), 10_000);
    expect(m.min).toBeGreaterThanOrEqual(10);
    expect(m.max).toBeLessThanOrEqual(50);
  });

  it('empirical only returns listed values, each with its share', () => {
    const values = [5, 10, 10, 30, 120];
    const m = sampleMoments({ dist: 'empirical', values }, createStream(1, 0, 'emp-share'));
    const counts = new Map<number, number>();
    for (const x of m.values) counts.set(x, (counts.get(x) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([5, 10, 30, 120]);
    const se = Math.sqrt((0.4 * 0.6) / N);
    expect(Math.abs(counts.get(10)! / N - 0.4)).toBeLessThan(5 * se);
  });

  it('extreme uniforms stay finite and non-negative', () => {
    const tiny = { next: () => 0.5 / 2 ** 32 };
    const huge = { next: () => (2 ** 32 - 0.5) / 2 ** 32 };
    const specs: (DistSpec | CountSpec)[] = [
      { dist: 'exponential', mean: 60 },
      { dist: 'uniform', min: 1, max: 2 },
      { dist: 'empirical', values: [1, 2, 3] },
      { dist: 'geometric', mean: 3 },
      { dist: 'lognormal', mean: 60, sd: 30 },
    ];
    for (const spec of specs) {
      for (const u of [tiny, huge]) {
        const x = samplerOf(spec).sample(u);
        expect(Number.isFinite(x)).toBe(true);
        expect(x).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
