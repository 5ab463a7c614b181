import { describe, it, expect } from 'vitest';
import seedrandom from 'seedrandom';
import { diffRuns, findRegressions, pairable, parseTolerance } from '../../src/check/baseline.js';
import { welchDifferenceCI } from '../../src/metrics/ci.js';
import type { ReplicationValuesDocument } from '../../src/report/replications.js';

function run(seed: number, values: Record<string, number[]>): ReplicationValuesDocument {
  const n = Object.values(values)[0].length;
  return { schemaVersion: 1, scenario: { name: 's', hash: 'h' }, seed, replications: Array.from({ length: n }, (_, i) => i), values };
}

describe('tolerances', () => {
  it('reads points, relative percentages, durations and numbers', () => {
    expect(parseTolerance('2pp')).toEqual({ kind: 'points', value: 0.02, text: '2pp' });
    expect(parseTolerance('5%')).toEqual({ kind: 'relative', value: 0.05, text: '5%' });
    expect(parseTolerance('30s')?.value).toBe(30);
    expect(parseTolerance('2m')?.value).toBe(120);
    expect(parseTolerance('0')).toEqual({ kind: 'absolute', value: 0, text: '0' });
    expect(parseTolerance('lots')).toBeNull();
  });
});

describe('differences between recorded runs', () => {
  // Replication i of both runs saw the same customers: a common component that pairing cancels.
  const rng = seedrandom('baseline');
  const common = Array.from({ length: 20 }, () => 0.2 * (rng() - 0.5));
  const base = run(1, { 'overall.slaAttainment': common.map((c) => 0.85 + c), 'overall.waitMean': common.map((c) => 100 + 400 * c), 'overall.arrivals': common.map(() => 1000) });
  const worse = run(1, { 'overall.slaAttainment': common.map((c, i) => 0.83 + c + 0.001 * (i % 3)), 'overall.waitMean': common.map((c) => 100 + 400 * c), 'overall.arrivals': common.map(() => 1000) });

  it('pairs runs with the same seed, so a small real change shows', () => {
    expect(pairable(base, worse)).toBe(true);
    const [sla, wait] = diffRuns(base, worse, ['overall.slaAttainment', 'overall.waitMean']);
    expect(sla.verdict).toBe('worse');
    expect(sla.difference.mean).toBeCloseTo(-0.019, 3);
    expect(wait.verdict).toBe('no significant difference');
  });

  it('falls back to two independent samples when the seeds differ, where the same change drowns in noise', () => {
    const other = { ...worse, seed: 2 };
    expect(pairable(base, other)).toBe(false);
    const [sla] = diffRuns(base, other, ['overall.slaAttainment']);
    expect(sla.verdict).toBe('no significant difference');
  });

  it('flags a regression only beyond the tolerance, on the whole interval', () => {
    expect(findRegressions(base, worse, ['overall.slaAttainment', 'overall.waitMean', 'overall.arrivals'], parseTolerance('0')!).map((r) => r.key)).toEqual(['overall.slaAttainment']);
    expect(findRegressions(base, worse, ['overall.slaAttainment'], parseTolerance('1pp')!).map((r) => r.key)).toEqual(['overall.slaAttainment']);
    expect(findRegressions(base, worse, ['overall.slaAttainment'], parseTolerance('2pp')!)).toEqual([]);
    // An improvement is never a regression.
    expect(findRegressions(worse, base, ['overall.slaAttainment'], parseTolerance('0')!)).toEqual([]);
  });

  it('Welch agrees with the textbook on a small case', () => {
    const ci = welchDifferenceCI([1, 2, 3, 4], [2, 4, 6, 8], 0.95);
    expect(ci.mean).toBeCloseTo(-2.5, 12);
    // se = sqrt(1.6667/4 + 6.6667/4) = 1.4434, df = 4.41, t(0.975, 4.41) ~ 2.70
    expect(ci.hi - ci.mean).toBeGreaterThan(3.7);
    expect(ci.hi - ci.mean).toBeLessThan(4.1);
  });
});
