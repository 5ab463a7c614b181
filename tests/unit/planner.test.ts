import { describe, expect, it } from 'vitest';
import { erlangHeadcount, teamLoads } from '../../src/planner/bracket.js';
import { rosteredAgentSeconds, rosteredDuring, staffingCost } from '../../src/planner/cost.js';
import { applyStaffing, changedSchedule, planVariables, PlanSettingsError } from '../../src/planner/variables.js';
import { isCeilingOnService, planStaffing, staffingOf } from '../../src/planner/plan.js';
import { withSurgeScale } from '../../src/planner/variants.js';
import { parseScenario } from '../../src/scenario/load.js';
import { erlangCServiceLevel } from '../../src/theory/erlang.js';

const scenario = parseScenario(
  `
name: planner-unit
horizon: 2d
startsAt: "00:00"
channels:
  chat: { rate: 60/h, handleTime: { dist: exponential, mean: 5m } }
surges:
  - { name: outage, start: 30h, rampUp: 0s, duration: 4h, rampDown: 0s, volume: +50% }
tiers:
  standard: { firstResponse: 1h }
teams:
  desk: { agents: 6 }
  shifts: { schedule: [{ at: "07:00", agents: 4 }, { at: "19:00", agents: 2 }] }
  reserve: { agents: 3, activation: { after: 1h, standDown: 2h } }
`,
  'planner-unit.yaml',
);

describe('planner variables', () => {
  it('vary a headcount, or a change on every shift that never goes below zero', () => {
    const vars = planVariables(scenario);
    expect(vars.map((v) => [v.name, v.kind, v.written, v.min, v.max])).toEqual([
      ['desk', 'agents', 6, 0, 200],
      ['shifts', 'change', 0, -2, 200],
      ['reserve', 'agents', 3, 0, 200],
    ]);
    expect(changedSchedule([{ at: 0, agents: 4 }, { at: 3600, agents: 1 }], -2)).toEqual([{ at: 0, agents: 2 }, { at: 3600, agents: 0 }]);
    const staffed = applyStaffing(scenario, vars, [9, 1, 0]);
    expect(staffed.teams.map((t) => t.agents)).toEqual([9, scenario.teams[1].agents, 0]);
    expect(staffed.teams[1].schedule!.map((s) => s.agents)).toEqual([5, 3]);
    expect(scenario.teams[0].agents).toBe(6); // the scenario itself is untouched
  });

  it('refuses unknown teams and bounds that cannot hold', () => {
    expect(() => planVariables(scenario, { teams: ['nobody'] })).toThrow(PlanSettingsError);
    expect(() => planVariables(scenario, { min: { desk: 5 }, max: { desk: 4 } })).toThrow(/--min 5 is above --max 4/);
    expect(() => planVariables(scenario, { min: { desk: -1 } })).toThrow(/cannot be negative/);
  });
});

describe('planner cost', () => {
  it('integrates constant, scheduled and surge-activated rosters over the horizon', () => {
    const [desk, shifts, reserve] = [0, 1, 2];
    expect(rosteredAgentSeconds(scenario, desk) / 3600).toBe(6 * 48);
    // 07:00-19:00 at 4, otherwise 2, for two days.
    expect(rosteredAgentSeconds(scenario, shifts) / 3600).toBe(2 * (12 * 4 + 12 * 2));
    // Activated from 31h to 36h: 5 hours of 3 agents.
    expect(rosteredAgentSeconds(scenario, reserve) / 3600).toBe(15);
    expect(staffingCost(scenario, [{ team: 0, weight: 1 }, { team: 2, weight: 2 }])).toBe(6 * 48 + 30);
    expect(rosteredDuring(scenario, reserve, 0, 24 * 3600)).toBe(false);
    expect(rosteredDuring(scenario, reserve, 0, 32 * 3600)).toBe(true);
  });
});

describe('planner on a dated schedule', () => {
  it('varies every dated entry, costs the curve as written, and shows it in the file form', () => {
    const dated = parseScenario(
      `
name: dated
horizon: 2d
startsAt: "00:00"
channels:
  chat: { rate: 10/h, handleTime: { dist: exponential, mean: 5m } }
teams:
  curve: { schedule: [{ at: "d1 00:00", agents: 2 }, { at: "d2 00:00", agents: 5 }] }
`,
      'dated.yaml',
    );
    const vars = planVariables(dated);
    expect(vars.map((v) => [v.kind, v.min])).toEqual([['change', -2]]);
    expect(rosteredAgentSeconds(dated, 0) / 3600).toBe(24 * 2 + 24 * 5);
    expect(staffingCost(applyStaffing(dated, vars, [1]), [{ team: 0, weight: 1 }])).toBe(24 * 3 + 24 * 6);
    expect(staffingOf(dated, vars, [1])).toEqual({ curve: { change: 1, schedule: [{ at: 'd1 00:00', agents: 3 }, { at: 'd2 00:00', agents: 6 }] } });
  });
});

describe('planner bracket', () => {
  it("finds a team's peak offered load and the Erlang C headcount for it", () => {
    const single = parseScenario(
      `
name: bracket
horizon: 1d
channels:
  chat: { rate: 200/h, handleTime: { dist: exponential, mean: 3m } }
tiers:
  standard: { firstResponse: 20s }
teams:
  agents: { agents: 14 }
`,
      'bracket.yaml',
    );
    const [load] = teamLoads(single, 0, single.horizon);
    expect(load.rate * 3600).toBeCloseTo(200, 6);
    expect(load.slotTime).toBeCloseTo(180, 6);
    const n = erlangHeadcount(load, 1, { share: 0.8, target: 20, maxOccupancy: 1 });
    expect(erlangCServiceLevel(n, 10, 180, 20)).toBeGreaterThanOrEqual(0.8);
    expect(erlangCServiceLevel(n - 1, 10, 180, 20)).toBeLessThan(0.8);
    // The surge raises the peak, and a bigger surge raises it more.
    const peak = (f: number) => teamLoads(withSurgeScale(scenario, f), 0, scenario.horizon)[0].rate;
    expect(peak(1)).toBeGreaterThan(peak(0));
    expect(peak(2)).toBeGreaterThan(peak(1));
  });
});

describe('upper bounds on shares more agents raise are not staffing targets', () => {
  it('tells a band ceiling (answeredWithin <= 85%) from a target (>= 79%, utilization <= 85%, abandonRate < 5%)', () => {
    expect(isCeilingOnService({ name: 'answeredWithin', operator: '<=' })).toBe(true);
    expect(isCeilingOnService({ name: 'csat', operator: '<' })).toBe(true);
    expect(isCeilingOnService({ name: 'answeredWithin', operator: '>=' })).toBe(false);
    expect(isCeilingOnService({ name: 'utilization', operator: '<=' })).toBe(false);
    expect(isCeilingOnService({ name: 'abandonRate', operator: '<' })).toBe(false);
  });

  it('a plan leaves them out and says so; with nothing else to aim at it refuses', async () => {
    const yaml = (thresholds: string) => `
name: band
horizon: 20h
warmup: 1h
replications: 4
channels: { chat: { rate: 60/h, handleTime: { dist: exponential, mean: 5m } } }
tiers: { standard: { firstResponse: 1h } }
teams: { desk: { agents: 10 } }
report: { interval: 5h }
thresholds: ${thresholds}
`;
    const plan = await planStaffing(parseScenario(yaml("{ slaAttainment: ['>= 80%', '<= 95%'] }"), 'band.yaml'), { workers: 1, maxReplications: 8 });
    expect(plan.targets).toEqual(['slaAttainment >= 80%']);
    expect(plan.leftOut).toEqual(['slaAttainment <= 95%']);
    expect(plan.status).toBe('found');
    await expect(planStaffing(parseScenario(yaml("{ slaAttainment: ['<= 95%'] }"), 'band.yaml'), { workers: 1 })).rejects.toThrow(PlanSettingsError);
  });
});
