import { describe, expect, it } from 'vitest';
import { compareRuns, comparedMetrics } from '../../src/metrics/compare.js';
import { estimate, scopeValues } from '../../src/metrics/summary.js';
import { Field, FIELD_COUNT } from '../../src/metrics/fields.js';
import { type ReplicationResult } from '../../src/metrics/recorder.js';
import { runReplications } from '../../src/runner/replicate.js';
import { parseScenario } from '../../src/scenario/load.js';

const yaml = (policy: string) => `
horizon: 300h
warmup: 5h
replications: 8
seed: 4
report: { interval: 50h }
channels:
  hot: { rate: 40/h, handleTime: { dist: exponential, mean: 3m }, tier: urgent }
  cold: { rate: 150/h, handleTime: { dist: exponential, mean: 3m } }
tiers:
  urgent: { firstResponse: 5m }
  standard: { firstResponse: 30m }
teams:
  pool: { agents: 10 }
routing: { policy: ${policy} }
`;

async function run(policy: string) {
  const scenario = parseScenario(yaml(policy), 'compare.yaml');
  return { label: policy, scenario, results: await runReplications(scenario, { workers: 1 }) };
}

/** A fake replication whose overall SLA hits are `hits` of 100 arrivals. */
function fake(replication: number, hits: number, template: ReplicationResult): ReplicationResult {
  const fields = new Float64Array(template.fields.length);
  fields[Field.arrivals] = 100;
  fields[Field.slaHits] = hits;
  return { ...template, replication, fields };
}

describe('compareRuns', () => {
  it('finds that priority raises the urgent tier over fifo, and says so', async () => {
    const fifo = await run('fifo');
    const c = compareRuns([fifo, await run('priority')]);
    const urgent = c.differences[0].values['byTier.urgent.slaAttainment'];
    expect(urgent.mean).toBeGreaterThan(0);
    expect(urgent.ci95![0]).toBeGreaterThan(0);
    expect(urgent.verdict).toBe('better');
    // Shorter waits for urgent work are "better" for a lower-is-better metric.
    expect(c.differences[0].values['byTier.urgent.firstResponseMean'].verdict).toBe('better');
    expect(c.variants.map((v) => v.label)).toEqual(['fifo', 'priority']);
    expect(Object.keys(c.variants[0].values)).toEqual(comparedMetrics(fifo.scenario).map((m) => m.key));
  });

  it('pairs replications: identical variants differ by exactly zero with no verdict', async () => {
    const a = await run('fifo');
    const c = compareRuns([a, { ...a, label: 'again' }]);
    for (const d of Object.values(c.differences[0].values)) {
      if (d.mean === null) continue;
      expect(d.mean).toBe(0);
      expect(d.verdict).toBe('no significant difference');
    }
  });

  it('gives verdicts by direction: worse when a higher-is-better metric drops significantly', async () => {
    const a = await run('fifo');
    const base = a.results.map((r, i) => fake(i, 80 + (i % 3), r));
    const lower = a.results.map((r, i) => fake(i, 70 + (i % 3), r));
    const same = a.results.map((r, i) => fake(i, 80 + ((i + 1) % 3), r));
    const c = compareRuns([{ ...a, results: base }, { ...a, label: 'lower', results: lower }, { ...a, label: 'same', results: same }]);
    expect(c.differences[0].values['overall.slaAttainment'].verdict).toBe('worse');
    expect(c.differences[0].values['overall.slaAttainment'].mean).toBeCloseTo(-0.1, 12);
    expect(c.differences[1].values['overall.slaAttainment'].verdict).toBe('no significant difference');
  });

  it('sees the same customers in every variant (common random numbers)', async () => {
    const [a, b] = [await run('fifo'), await run('priority')];
    for (let i = 0; i < a.results.length; i++) {
      expect(b.results[i].fields[Field.arrivals]).toBe(a.results[i].fields[Field.arrivals]);
      expect(Array.from(b.results[i].series.arrivals)).toEqual(Array.from(a.results[i].series.arrivals));
      const negative = (r: ReplicationResult) => r.fields[Field.negativeArrivals];
      expect(negative(b.results[i])).toBe(negative(a.results[i]));
      expect(b.results[i].fields.length).toBe(a.results[i].fields.length);
      expect(b.results[i].fields.length % FIELD_COUNT).toBe(0);
    }
  });

  it('reads each variant by tier name, even when a variant adds a channel', async () => {
    const base = await run('fifo');
    const withEmail = parseScenario(yaml('fifo').replace('channels:\n', 'channels:\n  email: { rate: 20/h, handleTime: { dist: exponential, mean: 3m } }\n'), 'compare.yaml');
    expect(withEmail.channels.map((c) => c.name)).toEqual(['email', 'hot', 'cold']);
    const variant = { label: 'email', scenario: withEmail, results: await runReplications(withEmail, { workers: 1 }) };
    const c = compareRuns([base, variant]);
    const own = estimate(scopeValues(withEmail, variant.results, 1 + 3 + 0, 'slaAttainment'));
    expect(c.variants[1].values['byTier.urgent.slaAttainment'].mean).toBe(own.mean);
  });
});

