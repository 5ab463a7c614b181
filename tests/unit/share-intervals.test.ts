import { describe, expect, it } from 'vitest';
import { judgeThresholds } from '../../src/check/run.js';
import { decide } from '../../src/check/verdict.js';
import { clipInterval, meanCI, SHARE_RANGE } from '../../src/metrics/ci.js';
import { compareRuns } from '../../src/metrics/compare.js';
import { Field, FIELD_COUNT } from '../../src/metrics/fields.js';
import type { ReplicationResult } from '../../src/metrics/recorder.js';
import { estimate, summarize, type Estimate } from '../../src/metrics/summary.js';
import { checkMarkdown } from '../../src/report/markdown.js';
import { compareTextReport } from '../../src/report/compare-text.js';
import { formatShare } from '../../src/report/text.js';
import { formatInterval } from '../../src/report/threshold-values.js';
import { runReplications } from '../../src/runner/replicate.js';
import { parseScenario } from '../../src/scenario/load.js';

const yaml = `
horizon: 20h
replications: 6
seed: 3
report: { interval: 10h }
channels:
  chat: { rate: 10/h, handleTime: { dist: exponential, mean: 3m } }
tiers:
  standard: { firstResponse: 30m }
teams:
  pool: { agents: 2 }
thresholds:
  slaAttainment: ['>= 0%']
  abandonRate: ['<= 100%']
`;

/**
 * Replications whose overall and tier SLA hits are `hits[i]` of 100 arrivals
 * and abandonments `abandoned[i]`: shares chosen so that the plain t-interval
 * reaches past 100% and below 0%.
 */
async function fakes(hits: number[], abandoned: number[]) {
  const scenario = parseScenario(yaml, 'shares.yaml');
  const template = (await runReplications({ ...scenario, replications: 1 }, { workers: 1 }))[0];
  const results: ReplicationResult[] = hits.map((h, i) => {
    const fields = new Float64Array(template.fields.length);
    // Scope 0 (overall), 1 (channel chat), 2 (tier standard): the same counts.
    for (const scope of [0, 1, 2]) {
      const base = scope * FIELD_COUNT;
      fields[base + Field.arrivals] = 100;
      fields[base + Field.slaHits] = h;
      fields[base + Field.pickupHits] = h;
      fields[base + Field.answeredWithin] = h;
      fields[base + Field.abandoned] = abandoned[i];
    }
    return { ...template, replication: i, fields };
  });
  return { scenario: { ...scenario, replications: results.length }, results };
}

const inside = (e: Estimate, lo: number, hi: number) => {
  expect(e.ci95).not.toBeNull();
  expect(e.ci95![0]).toBeGreaterThanOrEqual(lo);
  expect(e.ci95![1]).toBeLessThanOrEqual(hi);
};

describe('share intervals stay inside [0, 1]', () => {
  it('clips the t-interval over replication means, keeping the mean', () => {
    const values = [1, 1, 1, 0.97];
    const plain = meanCI(values);
    expect(plain.hi).toBeGreaterThan(1);
    const clipped = clipInterval(plain, SHARE_RANGE);
    expect(clipped).toEqual({ ...plain, hi: 1 });
    expect(clipInterval(meanCI([0, 0, 0.03]), SHARE_RANGE).lo).toBe(0);
    // A clipped interval is still the t-interval where it was inside: not a Wilson interval.
    expect(clipInterval(plain, SHARE_RANGE).lo).toBe(plain.lo);
    expect(estimate(values, SHARE_RANGE).ci95).toEqual([plain.lo, 1]);
  });

  it('summary.json: every share of every scope has its interval in [0, 1]', async () => {
    const { scenario, results } = await fakes([100, 100, 100, 97, 100, 100], [0, 0, 0, 2, 0, 0]);
    const s = summarize(scenario, results);
    for (const scope of [s.overall, s.byChannel.chat, s.byTier.standard]) {
      for (const key of ['slaAttainment', 'pickupWithinTarget', 'answeredWithin', 'abandonRate'] as const) inside(scope[key], 0, 1);
      expect(scope.slaAttainment.ci95![1]).toBe(1);
      expect(scope.abandonRate.ci95![0]).toBe(0);
    }
  });

  it('the text form prints the bounds where clipping made the interval uneven, never past 0% or 100%', async () => {
    const { scenario, results } = await fakes([100, 100, 100, 97, 100, 100], [0, 0, 0, 2, 0, 0]);
    const s = summarize(scenario, results);
    expect(formatShare(s.overall.slaAttainment)).toMatch(/^99\.5% \[98\.\d, 100\]$/);
    expect(formatShare(s.overall.abandonRate)).toMatch(/^0\.3% \[0, 1\.\d\]$/);
    // An interval clipping left alone keeps the ± form.
    expect(formatShare({ mean: 0.5, ci95: [0.4, 0.6] })).toBe('50.0% ±10.0');
    // No noise at a bound: an even interval, so the ± form.
    expect(formatShare({ mean: 1, ci95: [1, 1] })).toBe('100.0% ±0.0');
  });

  it('compare: variants are clipped to [0, 1], differences of shares to [-1, 1], in the text too', async () => {
    const low = await fakes([0, 0, 0, 3, 0, 0], [0, 0, 0, 0, 0, 0]);
    const high = await fakes([100, 100, 100, 96, 100, 100], [0, 0, 0, 0, 0, 0]);
    const c = compareRuns([
      { label: 'low', ...low },
      { label: 'high', ...high },
    ]);
    inside(c.variants[0].values['overall.slaAttainment'], 0, 1);
    inside(c.variants[1].values['overall.slaAttainment'], 0, 1);
    const d = c.differences[0].values['overall.slaAttainment'];
    inside(d, -1, 1);
    expect(d.ci95![1]).toBe(1);
    expect(d.verdict).toBe('better');
    const text = compareTextReport('header', c);
    expect(text).toMatch(/0\.5% \[0, 1\.\d\]/);
    expect(text).not.toMatch(/-\d+\.\d+%|10[1-9]\.\d%/);
  });

  it('check: the interval decided on and the plain 95% one lie in [0, 1], in the Markdown report too', async () => {
    const { scenario, results } = await fakes([100, 100, 100, 97, 100, 100], [0, 0, 0, 2, 0, 0]);
    const [sla, abandon] = judgeThresholds(scenario, results);
    for (const r of [sla, abandon]) {
      expect(r.observed.ci![0]).toBeGreaterThanOrEqual(0);
      expect(r.observed.ci![1]).toBeLessThanOrEqual(1);
      expect(r.observed.ci95![0]).toBeGreaterThanOrEqual(0);
      expect(r.observed.ci95![1]).toBeLessThanOrEqual(1);
    }
    // The share can be no lower than 0: `>= 0%` passes on the clipped interval.
    expect(sla.verdict).toBe('pass');
    expect(abandon.verdict).toBe('pass');
    expect(formatInterval(sla.observed.ci, 'share')).toMatch(/, 100\.0%\]$/);
    const md = checkMarkdown({
      schemaVersion: 1,
      verdict: 'pass',
      confidence: 0.95,
      maxReplications: 6,
      inconclusive: 'fail',
      scenarios: [{ scenario: 's', file: 'f.yaml', scenarioHash: 'h', seed: 3, replications: 6, thresholds: [sla, abandon], verdict: 'pass' }],
      skipped: [],
    } as unknown as Parameters<typeof checkMarkdown>[0]);
    expect(md).not.toMatch(/-\d+\.\d+%|10[1-9]\.\d+%/);
    expect(md).toContain('100.0%]');
  });

  it('decide clips to the range it is given before the verdict', () => {
    const values = [0, 0, 0, 0.01];
    expect(decide(values, '>=', 0, 0.95).verdict).toBe('inconclusive');
    expect(decide(values, '>=', 0, 0.95, SHARE_RANGE).verdict).toBe('pass');
  });
});
