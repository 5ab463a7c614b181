import { describe, expect, it } from 'vitest';
import {
  erlangC,
  erlangCMeanWait,
  erlangCResponseWithin,
  erlangCServiceLevel,
} from '../../src/theory/erlang.js';
import { expectWithinCI, field, Field, immediateShare, replicate, scenarioFrom, utilization } from './helpers.js';

/**
 * Erlang C (M/M/N, FIFO, no abandonment): the cases of docs/validation.md.
 * Times in seconds. SL(t) = share of arrivals picked up within t, which the
 * simulator reports as pickupWithinTarget when the tier's target is t.
 */
function mmn(opts: { ratePerHour: number; ahtMinutes: number; agents: number; target: string; horizon: string }) {
  return scenarioFrom(`
name: erlang-c
horizon: ${opts.horizon}
warmup: 20h
replications: 20
seed: 7
report: { interval: 100h }
channels:
  chat:
    rate: ${opts.ratePerHour}/h
    handleTime: { dist: exponential, mean: ${opts.ahtMinutes}m }
tiers:
  standard: { firstResponse: ${opts.target} }
teams:
  agents: { agents: ${opts.agents} }
`);
}

describe('Erlang C special case (M/M/N FIFO)', () => {
  it('C1: N=14, A=10 — P(wait>0), SL(20s), mean wait, occupancy, reply within target', async () => {
    const aht = 180;
    const A = 10;
    const results = await replicate(mmn({ ratePerHour: 200, ahtMinutes: 3, agents: 14, target: '20s', horizon: '2000h' }));
    // The reference values themselves, then the simulator against the formulas.
    expect(erlangC(14, A)).toBeCloseTo(0.1741, 4);
    expectWithinCI('P(wait <= 0.01s)', results.map((r) => immediateShare(r)), erlangCServiceLevel(14, A, aht, 0.01));
    expectWithinCI('SL(20s)', results.map((r) => field(r, Field.pickupHits) / field(r, Field.arrivals)), erlangCServiceLevel(14, A, aht, 20));
    expectWithinCI('mean wait (s)', results.map((r) => field(r, Field.waitSum) / field(r, Field.answered)), erlangCMeanWait(14, A, aht));
    expectWithinCI('occupancy', results.map(utilization), A / 14);
    expectWithinCI('first reply within 20s', results.map((r) => field(r, Field.slaHits) / field(r, Field.arrivals)),
      erlangCResponseWithin(14, A, aht, 20));
  });

  it('C2 (N=15) and C3 (N=11): SL(20s) and P(wait>0)', async () => {
    for (const [agents, sl, pWait] of [[15, 0.941, 0.102], [11, 0.39, 0.6821]] as const) {
      const results = await replicate(mmn({ ratePerHour: 200, ahtMinutes: 3, agents, target: '20s', horizon: '1000h' }));
      expect(erlangCServiceLevel(agents, 10, 180, 20)).toBeCloseTo(sl, 3);
      expect(erlangC(agents, 10)).toBeCloseTo(pWait, 3);
      expectWithinCI(`N=${agents} SL(20s)`, results.map((r) => field(r, Field.pickupHits) / field(r, Field.arrivals)),
        erlangCServiceLevel(agents, 10, 180, 20));
      expectWithinCI(`N=${agents} P(wait <= 0.01s)`, results.map((r) => immediateShare(r)),
        erlangCServiceLevel(agents, 10, 180, 0.01));
    }
  });

  it('C4: lambda 3.5/min, AHT 3 min, N=13 — mean wait 26.56 s, P(wait>0) 0.3688', async () => {
    const results = await replicate(mmn({ ratePerHour: 210, ahtMinutes: 3, agents: 13, target: '5m', horizon: '2000h' }));
    expect(erlangCMeanWait(13, 10.5, 180)).toBeCloseTo(26.56, 1);
    expectWithinCI('mean wait (s)', results.map((r) => field(r, Field.waitSum) / field(r, Field.answered)), erlangCMeanWait(13, 10.5, 180));
    expectWithinCI('P(wait <= 0.01s)', results.map((r) => immediateShare(r)), erlangCServiceLevel(13, 10.5, 180, 0.01));
  });

  it('C5: lambda 100/h, N=50, utilisation 0.9 — P(wait>0) 0.3639, mean wait 1.9649 min', async () => {
    const results = await replicate(mmn({ ratePerHour: 100, ahtMinutes: 27, agents: 50, target: '5m', horizon: '6000h' }));
    expect(erlangC(50, 45)).toBeCloseTo(0.363864, 5);
    expectWithinCI('P(wait <= 0.01s)', results.map((r) => immediateShare(r)), erlangCServiceLevel(50, 45, 1620, 0.01));
    expectWithinCI('mean wait (s)', results.map((r) => field(r, Field.waitSum) / field(r, Field.answered)), erlangCMeanWait(50, 45, 1620));
  });
});
