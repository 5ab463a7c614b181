import { describe, expect, it } from 'vitest';
import { planStaffing } from '../../src/planner/plan.js';
import { parseScenario } from '../../src/scenario/load.js';
import { erlangA, erlangCResponseWithin, erlangCServiceLevel } from '../../src/theory/erlang.js';

/**
 * `careload plan` on M/M/N special cases returns the headcount theory gives
 * for the same target. Each target sits between theory's value at the answer
 * and at one agent fewer, at least 1.5 points from both (not a knife edge).
 */
function mmn(target: string, thresholds: string, patience = '') {
  return parseScenario(
    `
name: plan-mmn
horizon: 200h
warmup: 5h
replications: 10
report: { interval: 100h }
channels:
  chat: { rate: 200/h, handleTime: { dist: exponential, mean: 3m }${patience} }
tiers:
  standard: { firstResponse: ${target} }
teams:
  agents: { agents: 30 }
thresholds:
${thresholds}`,
    'plan-mmn.yaml',
  );
}

/** Least N in [1, 60] for which `level(N)` reaches `target`, and theory's values either side. */
function theoryAnswer(level: (n: number) => number, target: number): number {
  for (let n = 1; n <= 60; n++) {
    if (level(n) >= target) {
      // Not a knife edge: both sides at least 1.5 points away from the target.
      expect(level(n) - target).toBeGreaterThan(0.015);
      expect(target - level(n - 1)).toBeGreaterThan(0.015);
      return n;
    }
  }
  throw new Error('no answer');
}

describe('plan finds the theory headcount on M/M/N cases', () => {
  it('slaAttainment (first reply posted: wait + service) against the M/M/N response time', async () => {
    const target = 0.765;
    const expected = theoryAnswer((n) => (n > 10 ? erlangCResponseWithin(n, 10, 180, 300) : 0), target);
    const plan = await planStaffing(mmn('5m', `  slaAttainment: ['>= ${target}']\n`), { workers: 1 });
    expect(plan.status).toBe('found');
    expect(plan.staffing).toEqual({ agents: expected });
    expect(plan.fewer[0].candidate.verdict).toBe('fail');
  }, 120_000);

  it('pickupWithinTarget against Erlang C waiting time', async () => {
    const target = 0.85;
    const expected = theoryAnswer((n) => (n > 10 ? erlangCServiceLevel(n, 10, 180, 20) : 0), target);
    const plan = await planStaffing(mmn('20s', `  pickupWithinTarget: ['>= ${target}']\n`), { workers: 1 });
    expect(plan.staffing).toEqual({ agents: expected });
  }, 120_000);

  it("pickupWithinTarget with patience against Erlang A's (abandoned customers count as misses)", async () => {
    const target = 0.92;
    const expected = theoryAnswer((n) => erlangA({ arrivalRate: 200 / 3600, aht: 180, patience: 300, servers: n, t: 60 }).serviceLevel!, target);
    const plan = await planStaffing(mmn('1m', `  pickupWithinTarget: ['>= ${target}']\n`, ', patience: { dist: exponential, mean: 5m }'), { workers: 1 });
    expect(plan.staffing).toEqual({ agents: expected });
  }, 120_000);
});
