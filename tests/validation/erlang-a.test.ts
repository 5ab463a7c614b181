import { describe, expect, it } from 'vitest';
import { erlangA } from '../../src/theory/erlang.js';
import { expectWithinCI, field, Field, replicate, scenarioFrom, utilization } from './helpers.js';

/**
 * Erlang A (M/M/N+M): exponential patience; a customer not picked up within
 * their patience abandons. Abandoned customers count as misses in SL, and the
 * "mean wait over all arrivals" counts their time until abandoning.
 */
function mmnm(opts: { ratePerHour: number; agents: number; target: string; horizon: string }) {
  return scenarioFrom(`
horizon: ${opts.horizon}
warmup: 20h
replications: 20
seed: 11
report: { interval: 100h }
channels:
  chat:
    rate: ${opts.ratePerHour}/h
    handleTime: { dist: exponential, mean: 3m }
    patience: { dist: exponential, mean: 5m }
tiers:
  standard: { firstResponse: ${opts.target} }
teams:
  agents: { agents: ${opts.agents} }
`);
}

const abandonRate = (r: Parameters<typeof field>[0]) => field(r, Field.abandoned) / field(r, Field.arrivals);
const waitAll = (r: Parameters<typeof field>[0]) =>
  field(r, Field.waitAllSum) / (field(r, Field.answered) + field(r, Field.abandoned));

describe('Erlang A special case (M/M/N+M)', () => {
  it('A1: C1 inputs, patience 5 min, N=14 — P(abandon), occupancy, mean wait, SL(20s)', async () => {
    const theory = erlangA({ arrivalRate: 200 / 3600, aht: 180, servers: 14, patience: 300, t: 20 });
    expect(theory.pAbandon).toBeCloseTo(0.013984, 5);
    expect(theory.serviceLevel).toBeCloseTo(0.916792, 5);
    const results = await replicate(mmnm({ ratePerHour: 200, agents: 14, target: '20s', horizon: '2000h' }));
    // P(abandon) is small (1.4%), so its interval is judged against an absolute bound.
    expectWithinCI('P(abandon)', results.map(abandonRate), theory.pAbandon);
    expectWithinCI('occupancy', results.map(utilization), theory.occupancy);
    expectWithinCI('mean wait over all arrivals (s)', results.map(waitAll), theory.meanWaitAll);
    expectWithinCI('SL(20s)', results.map((r) => field(r, Field.pickupHits) / field(r, Field.arrivals)), theory.serviceLevel!);
  });

  it('A2: C4 inputs, patience 5 min, N=13 — mean wait 9.91 s', async () => {
    const theory = erlangA({ arrivalRate: 3.5 / 60, aht: 180, servers: 13, patience: 300 });
    expect(theory.meanWaitAll).toBeCloseTo(9.91, 1);
    const results = await replicate(mmnm({ ratePerHour: 210, agents: 13, target: '5m', horizon: '2000h' }));
    expectWithinCI('mean wait over all arrivals (s)', results.map(waitAll), theory.meanWaitAll);
    expectWithinCI('P(abandon)', results.map(abandonRate), theory.pAbandon);
  });

  it('A3: overloaded (N=9 for A=10.5) — stable only thanks to abandonment, mean wait 56.62 s', async () => {
    const theory = erlangA({ arrivalRate: 3.5 / 60, aht: 180, servers: 9, patience: 300 });
    expect(theory.meanWaitAll).toBeCloseTo(56.62, 1);
    const results = await replicate(mmnm({ ratePerHour: 210, agents: 9, target: '5m', horizon: '1000h' }));
    expectWithinCI('mean wait over all arrivals (s)', results.map(waitAll), theory.meanWaitAll);
    expectWithinCI('P(abandon)', results.map(abandonRate), theory.pAbandon);
    expectWithinCI('occupancy', results.map(utilization), theory.occupancy);
  });
});
