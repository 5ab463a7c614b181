import { describe, expect, it } from 'vitest';
import { requirementCurve } from '../../src/planner/requirement.js';
import { parseScenario } from '../../src/scenario/load.js';

describe('plan --by-interval', () => {
  it('finds the requirement of each interval (utilization theory) and writes it as a dated schedule', async () => {
    // 10 erlangs of work before the surge, 14 during it: utilization <= 75% needs 14, then 19 agents.
    const scenario = parseScenario(
      `
name: requirement
horizon: 60h
warmup: 0s
startsAt: "00:00"
replications: 6
report: { interval: 10h, window: { from: 10h, to: 50h } }
channels:
  chat: { rate: 200/h, handleTime: { dist: exponential, mean: 3m } }
surges:
  - { name: peak, start: 30h, rampUp: 0s, duration: 30h, rampDown: 0s, volume: +40% }
tiers:
  standard: { firstResponse: 1h }
teams:
  desk: { agents: 30 }
thresholds:
  utilization: ['<= 0.75']
`,
      'requirement.yaml',
    );
    const curve = await requirementCurve(scenario, { team: 'desk', interval: 20 * 3600, workers: 1, firstLook: 6, maxReplications: 24 });
    expect(curve.status).toBe('found');
    expect(curve.steps.map((s) => [s.at, s.agents])).toEqual([['d1 10:00', 14], ['d2 06:00', 19]]);
    // Before and after the window the team keeps its roster as written.
    expect(curve.schedule).toEqual([
      { at: 'd1 00:00', agents: 30 },
      { at: 'd1 10:00', agents: 14 },
      { at: 'd2 06:00', agents: 19 },
      { at: 'd3 02:00', agents: 30 },
    ]);
  }, 300_000);
});
