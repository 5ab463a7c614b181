import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/core/rng.js';
import { samplerOf, type DistSpec } from '../../src/core/distributions.js';
import { fitDuration } from '../../src/fit/distributions.js';
import { gammaP, gammaQ, logGamma, digamma, trigamma, erfc } from '../../src/fit/special.js';

function draw(spec: DistSpec, n: number, purpose: string): Float64Array {
  const s = samplerOf(spec);
  const u = createStream(7, 0, purpose);
  return Float64Array.from({ length: n }, () => s.sample(u));
}

/** Within 5%, or within 4 standard errors where 5% is tighter than the data allows. */
function near(fitted: { value: number; se: number }, truth: number): void {
  const tolerance = Math.max(0.05 * truth, 4 * fitted.se);
  expect(Math.abs(fitted.value - truth), `${fitted.value} vs ${truth} (se ${fitted.se})`).toBeLessThanOrEqual(tolerance);
}

describe('special functions', () => {
  it('match known values', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 10);
    expect(digamma(1)).toBeCloseTo(-0.5772156649, 9);
    expect(trigamma(1)).toBeCloseTo((Math.PI * Math.PI) / 6, 9);
    expect(gammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(gammaQ(3, 10) + gammaP(3, 10)).toBeCloseTo(1, 12);
    expect(gammaP(0.5, 0.5)).toBeCloseTo(1 - erfc(Math.sqrt(0.5)), 6);
    expect(erfc(1)).toBeCloseTo(0.157299207, 7);
  });
});

describe('fitDuration', () => {
  for (const spec of [
    { dist: 'exponential', mean: 180 },
    { dist: 'lognormal', mean: 240, sd: 120 },
    { dist: 'gamma', mean: 300, sd: 200 },
  ] as DistSpec[]) {
    it(`recovers ${spec.dist} and chooses it`, () => {
      const fit = fitDuration(draw(spec, 20000, spec.dist));
      expect(fit.chosen.family).toBe(spec.dist);
      const s = spec as { mean: number; sd?: number };
      near(fit.chosen.mean, s.mean);
      if (s.sd !== undefined) near(fit.chosen.sd!, s.sd);
      expect(fit.chosen.ks.d).toBeLessThan(0.015);
      const wrong = fit.candidates.find((c) => c.family !== spec.dist && c.family !== 'exponential')!;
      expect(wrong.ks.d).toBeGreaterThan(fit.chosen.ks.d);
    });
  }

  it('estimates censored patience from exposure, where the uncensored mean of events is far off', () => {
    const patience = draw({ dist: 'lognormal', mean: 600, sd: 500 }, 30000, 'patience');
    const waits = draw({ dist: 'exponential', mean: 300 }, 30000, 'wait');
    const events: number[] = [];
    const censored: number[] = [];
    patience.forEach((p, i) => (p < waits[i] ? events.push(p) : censored.push(waits[i])));
    const fit = fitDuration(Float64Array.from(events), Float64Array.from(censored));
    expect(fit.chosen.family).toBe('lognormal');
    near(fit.chosen.mean, 600);
    near(fit.chosen.sd!, 500);
    const naive = events.reduce((s, v) => s + v, 0) / events.length;
    expect(naive).toBeLessThan(0.6 * 600); // abandoners alone: about half the true mean
  });
});
