import { describe, it, expect } from 'vitest';
import { summarize } from '../../src/metrics/summary.js';
import { simulateReplication } from '../../src/model/simulation.js';
import { replicationValuesDocument } from '../../src/report/replications.js';
import { parseScenario } from '../../src/scenario/load.js';

const scenario = parseScenario(
  `
name: per-replication
horizon: 40h
warmup: 2h
replications: 4
channels:
  chat: { rate: 30/h, handleTime: { dist: exponential, mean: 6m }, brands: { a: 0.7, b: 0.3 } }
  mail: { rate: 10/h, handleTime: 10m, patience: { dist: exponential, mean: 20m } }
tiers:
  urgent: { firstResponse: 10m }
  standard: { firstResponse: 1h }
triage:
  - { when: { channel: mail }, tier: urgent }
teams:
  desk: { agents: 4 }
`,
  'per-replication.yaml',
);
const results = [0, 1, 2, 3].map((i) => simulateReplication(scenario, i));

describe('replications.json', () => {
  const doc = replicationValuesDocument(scenario, results);

  it('lists every scope metric of every scope and team, one value per replication in index order', () => {
    expect(doc.replications).toEqual([0, 1, 2, 3]);
    for (const key of ['overall.slaAttainment', 'byChannel.mail.abandonRate', 'byTier.urgent.waitP90', 'byBrand.b.arrivals', 'byTeam.desk.utilization']) {
      expect(doc.values[key], key).toHaveLength(4);
    }
    expect(Object.values(doc.values).every((v) => v.length === 4)).toBe(true);
  });

  it('agrees with summary.json: the mean of each list is the summary mean', () => {
    const summary = summarize(scenario, results);
    const mean = (v: (number | null)[]) => {
      const d = v.filter((x): x is number => x !== null);
      return d.reduce((s, x) => s + x, 0) / d.length;
    };
    expect(mean(doc.values['overall.slaAttainment'])).toBeCloseTo(summary.overall.slaAttainment.mean!, 12);
    expect(mean(doc.values['byTier.urgent.firstResponseMean'])).toBeCloseTo(summary.byTier.urgent.firstResponseMean.mean!, 9);
    expect(mean(doc.values['byTeam.desk.handled'])).toBeCloseTo(summary.byTeam.desk.handled.mean!, 12);
    // Brand scopes split the branded channel's arrivals.
    const arrivals = (key: string) => doc.values[key].map((x) => x ?? 0);
    const a = arrivals('byBrand.a.arrivals');
    const b = arrivals('byBrand.b.arrivals');
    expect(a.map((x, i) => x + b[i])).toEqual(arrivals('byChannel.chat.arrivals'));
  });

  it('writes undefined values as null, never NaN', () => {
    // Nobody answers a survey here: csat is undefined in every replication.
    expect(doc.values['overall.csat']).toEqual([null, null, null, null]);
  });
});
