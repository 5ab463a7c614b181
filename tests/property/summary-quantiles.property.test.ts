/**
 * The summary reads a scope's p50, p90 and p95 in one pass over each
 * histogram and keeps every replication's metric values once computed:
 * the values must be those histogramQuantile gives for each quantile alone,
 * bit for bit, whatever the histogram holds (empty, one bucket, bucket 0,
 * several quantiles in one bucket), and a scenario given as another object
 * must not read values kept for the first.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HISTOGRAM_BUCKETS, histogramQuantile } from '../../src/metrics/histogram.js';
import { simulateReplication } from '../../src/model/simulation.js';
import { scopeValues } from '../../src/metrics/summary.js';
import { Scopes } from '../../src/metrics/scopes.js';
import { parseScenario } from '../../src/scenario/load.js';

const scenario = parseScenario(`
horizon: 4h
replications: 1
channels:
  chat: { rate: 30/h, handleTime: { dist: exponential, mean: 3m } }
tiers:
  standard: { firstResponse: 5m }
teams:
  agents: { agents: 2 }
`, 'quantiles.yaml');
const template = simulateReplication(scenario, 0);

/** A histogram: a few non-zero buckets (often bucket 0 and neighbours), or none. */
const histogram = fc
  .array(fc.record({ bucket: fc.oneof(fc.constantFrom(0, 1, HISTOGRAM_BUCKETS - 1), fc.integer({ min: 0, max: HISTOGRAM_BUCKETS - 1 })), count: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0.001, max: 50, noNaN: true })) }), { maxLength: 12 })
  .map((entries) => {
    const h = new Float64Array(HISTOGRAM_BUCKETS);
    for (const { bucket, count } of entries) h[bucket] += count;
    return h;
  });

describe('summary quantiles', () => {
  it('equal histogramQuantile for p50, p90 and p95 of the wait and first-response histograms, bit for bit', () => {
    fc.assert(
      fc.property(histogram, histogram, (wait, first) => {
        const waitHist = new Float64Array(template.waitHist.length);
        const firstResponseHist = new Float64Array(template.firstResponseHist.length);
        waitHist.set(wait, Scopes.overall * HISTOGRAM_BUCKETS);
        firstResponseHist.set(first, Scopes.overall * HISTOGRAM_BUCKETS);
        const rep = { ...template, waitHist, firstResponseHist };
        const cases = [
          ['waitP50', waitHist, 0.5], ['waitP90', waitHist, 0.9], ['waitP95', waitHist, 0.95],
          ['firstResponseP50', firstResponseHist, 0.5], ['firstResponseP90', firstResponseHist, 0.9], ['firstResponseP95', firstResponseHist, 0.95],
        ] as const;
        for (const [metric, data, q] of cases) {
          expect(scopeValues(scenario, [rep], Scopes.overall, metric)).toEqual([histogramQuantile(data, Scopes.overall, q)]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps values per scenario object: another scenario over the same result computes its own', () => {
    const longer = { ...scenario, report: { ...scenario.report, window: { from: scenario.report.window.from, to: scenario.report.window.to * 2 } } };
    const [a] = scopeValues(scenario, [template], Scopes.overall, 'backlogMean');
    const [b] = scopeValues(longer, [template], Scopes.overall, 'backlogMean');
    expect(a).toBeGreaterThan(0);
    expect(b).toBeCloseTo(a / 2, 12);
    expect(scopeValues(scenario, [template], Scopes.overall, 'backlogMean')).toEqual([a]);
  });
});
