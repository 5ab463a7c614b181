/**
 * The metrics a capacity planner reads beside utilization: slot occupancy
 * (open conversations / slots on shift), next-reply attainment against a
 * tier's `nextResponse` target, and the overrun of agents finishing their
 * conversations past shift end. Checked against theory (M/M/N, Little's
 * law), against bookkeeping done independently by an observer, and through
 * the threshold catalog.
 */
import { describe, expect, it } from 'vitest';
import { withThresholds } from '../../src/check/document.js';
import { thresholdValues } from '../../src/check/evaluate.js';
import { AVAILABILITY_FIELD_COUNT, AvailabilityField, Field, TeamField } from '../../src/metrics/fields.js';
import { Recorder, type ReplicationResult, type ScopeLayout } from '../../src/metrics/recorder.js';
import { fieldIndex, Scopes, teamFieldIndex } from '../../src/metrics/scopes.js';
import { summarize, teamValues } from '../../src/metrics/summary.js';
import { AgentStatus } from '../../src/model/agents.js';
import { Simulation, simulateReplication } from '../../src/model/simulation.js';
import { parseScenario, ScenarioError } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/types.js';
import { resolveThreshold, type ThresholdNames } from '../../src/thresholds/resolve.js';

const H = 3600;
const scenario = (yaml: string): Scenario => parseScenario(yaml, 'capacity.yaml');
const team = (r: ReplicationResult, k: number, f: number) => r.teams[teamFieldIndex(k, f)];
const field = (r: ReplicationResult, f: number, scope = Scopes.overall) => r.fields[fieldIndex(scope, f)];
/** A team metric of one replication. */
const teamMetric = (sc: Scenario, r: ReplicationResult, k: number, metric: 'utilization' | 'slotOccupancy' | 'overrunHours') => teamValues(sc, [r], k, metric)[0];

describe('Recorder: open conversations, overrun and next-reply targets', () => {
  // One channel, two tiers, one team; window [100, 1000), bins of 300 s.
  const layout = (nextResponseTargets?: Float64Array): ScopeLayout => ({
    channels: 1,
    tiers: 2,
    brands: 0,
    teams: 1,
    classes: { channel: Int32Array.from([0, 0]), tier: Int32Array.from([0, 1]), brand: Int32Array.from([-1, -1]) },
    from: 100,
    to: 1000,
    horizon: 1000,
    interval: 300,
    answeredWithin: 7200,
    nextResponseTargets,
  });

  it('integrates open conversations over the window and into the interval bins', () => {
    const r = new Recorder(layout());
    r.openChanged(50, 0, 1);
    r.openChanged(200, 0, 1);
    r.openChanged(500, 0, -1);
    r.finish(1200);
    // In [100, 1000): 1 x 100 + 2 x 300 + 1 x 500.
    expect(r.teams[teamFieldIndex(0, TeamField.openTime)]).toBeCloseTo(1200, 9);
    // Bins over [0, 1000): [0,300) 1x150 + 2x100, [300,600) 2x200 + 1x100, [600,900) 300, [900,1000) 100.
    expect(Array.from(r.series.openArea)).toEqual([350, 500, 300, 100]);
  });

  it('integrates agents past their shift end the same way, closed by finish', () => {
    const r = new Recorder(layout());
    r.overrunChanged(400, 0, 2);
    r.overrunChanged(700, 0, -1);
    r.finish(1000);
    expect(r.teams[teamFieldIndex(0, TeamField.overrunTime)]).toBeCloseTo(2 * 300 + 300, 9);
    expect(Array.from(r.series.overrunArea)).toEqual([0, 400, 2 * 100 + 200, 100]);
  });

  it('counts next replies against their tier target, and leaves tiers without one out', () => {
    const r = new Recorder(layout(Float64Array.from([60, NaN])));
    r.nextReply(0, 30, 1);
    r.nextReply(0, 60, 1); // on the target counts as within
    r.nextReply(0, 90, 1);
    r.nextReply(1, 5, 1);
    r.nextReply(0, 1, 0); // not measured
    const f = (k: number, scope = Scopes.overall) => r.fields[fieldIndex(scope, k)];
    const scopes = new Scopes(1, 2);
    expect([f(Field.nextReplies), f(Field.nextRepliesTargeted), f(Field.nextResponseHits)]).toEqual([4, 3, 2]);
    expect([f(Field.nextRepliesTargeted, scopes.tier(1)), f(Field.nextResponseHits, scopes.tier(1))]).toEqual([0, 0]);
    const none = new Recorder(layout());
    none.nextReply(0, 30, 1);
    expect(none.fields[fieldIndex(Scopes.overall, Field.nextRepliesTargeted)]).toBe(0);
  });
});

describe('slotOccupancy', () => {
  it('on M/M/N with one slot per agent is the offered load per agent, and equals utilization', () => {
    // Erlang C case C1: 200/h x 3m = 10 Erlangs on 14 agents, occupancy 10/14.
    const sc = scenario(`
horizon: 300h
warmup: 5h
channels:
  chat: { rate: 200/h, handleTime: { dist: exponential, mean: 3m } }
teams:
  agents: { agents: 14 }
`);
    const r = simulateReplication(sc, 0);
    const occupancy = teamMetric(sc, r, 0, 'slotOccupancy');
    expect(occupancy).toBeCloseTo(10 / 14, 1);
    expect(Math.abs(occupancy - 10 / 14) / (10 / 14)).toBeLessThan(0.03);
    // One slot, one turn: a conversation is open exactly while its reply is written.
    expect(occupancy).toBeCloseTo(teamMetric(sc, r, 0, 'utilization'), 9);
  });

  it("follows Little's law with concurrency: lambda x E[time open] / (N x c), while utilization stays low", () => {
    // Two replies of 2 s around a customer who takes 10 minutes to answer: a conversation is
    // open about 604 s (agents write 1.7% of the time, so a reply rarely waits behind another).
    const sc = scenario(`
horizon: 300h
warmup: 5h
channels:
  chat:
    rate: 60/h
    handleTime: 2s
    turns: 2
    customerReplyDelay: { dist: exponential, mean: 10m }
teams:
  agents: { agents: 4, concurrency: 6 }
`);
    // Two replications: the mean number open has a standard error of about 0.75% of itself.
    const results = [simulateReplication(sc, 0), simulateReplication(sc, 1)];
    const mean = (metric: 'slotOccupancy' | 'utilization') => (teamValues(sc, results, 0, metric)[0] + teamValues(sc, results, 0, metric)[1]) / 2;
    const lambda = 60 / H;
    const theory = (lambda * (2 + 600 + 2)) / (4 * 6);
    const occupancy = mean('slotOccupancy');
    expect(Math.abs(occupancy - theory) / theory, `slot occupancy ${occupancy}, theory ${theory}`).toBeLessThan(0.03);
    // Writing time: lambda x 4 s per agent = 1.7%: utilization misses what holds the slots.
    const utilization = mean('utilization');
    expect(Math.abs(utilization - (lambda * 4) / 4)).toBeLessThan(0.002);
    expect(occupancy).toBeGreaterThan(20 * utilization);
  });

  it('is in the time series per team, agreeing with the summary over the window', () => {
    const sc = scenario(`
horizon: 48h
report: { interval: 1h }
channels:
  chat: { rate: 60/h, handleTime: 1m, turns: 2, customerReplyDelay: 5m }
teams:
  a: { agents: 2, concurrency: 4 }
  b: { agents: 1, concurrency: 2, activation: { whenBacklog: 1000 } }
`);
    const results = [simulateReplication(sc, 0), simulateReplication(sc, 1)];
    const summary = summarize(sc, results);
    expect(summary.timeseries.rows).toHaveLength(48);
    for (const row of summary.timeseries.rows) {
      expect(row.slotOccupancyByTeam.a).toBeGreaterThan(0);
      expect(row.slotOccupancyByTeam.a).toBeLessThanOrEqual(1);
      // Never rostered: no slots, so no value (not 0).
      expect(row.slotOccupancyByTeam.b).toBeNull();
      expect(row.slotOccupancy).toBeCloseTo(row.slotOccupancyByTeam.a!, 12);
      expect(row.overrunAgentsByTeam.a).toBe(0);
    }
    const rows = summary.timeseries.rows;
    const seriesMean = rows.reduce((s, r) => s + r.slotOccupancyByTeam.a!, 0) / rows.length;
    expect(seriesMean).toBeCloseTo(summary.byTeam.a.slotOccupancy.mean!, 2);
    expect(summary.byTeam.b.slotOccupancy.mean).toBeNull();
  });
});

describe('nextResponseAttainment', () => {
  const yaml = (tiers: string) => `
horizon: 50h
channels:
  chat: { rate: 10/h, handleTime: 1m, turns: 3, customerReplyDelay: 5m, tier: a }
  mail: { rate: 5/h, handleTime: 1m, turns: 3, customerReplyDelay: 5m, tier: b }
tiers:
${tiers}
teams:
  desk: { agents: 3, concurrency: 2 }
`;

  it('is 1 with a huge target and 0 with one shorter than any reply can be written', () => {
    const huge = summarize(...run(yaml('  a: { firstResponse: 1h, nextResponse: 100h }\n  b: { firstResponse: 1h, nextResponse: 100h }')));
    expect(huge.overall.nextResponseAttainment.mean).toBe(1);
    expect(huge.byTier.a.nextResponseAttainment.mean).toBe(1);
    // A reply takes at least its 1-minute handle time after the customer's message.
    const tiny = summarize(...run(yaml('  a: { firstResponse: 1h, nextResponse: 1s }\n  b: { firstResponse: 1h, nextResponse: 1s }')));
    expect(tiny.overall.nextResponseAttainment.mean).toBe(0);
    expect(tiny.overall.nextResponseMean.mean).toBeGreaterThanOrEqual(60);
  });

  it('counts only tiers with a target, and is null where none applies', () => {
    const mixed = summarize(...run(yaml('  a: { firstResponse: 1h, nextResponse: 100h }\n  b: { firstResponse: 1h, nextResponse: 1s }')));
    const a = mixed.byTier.a.nextResponseAttainment.mean!;
    expect(a).toBe(1);
    expect(mixed.byTier.b.nextResponseAttainment.mean).toBe(0);
    // Overall: tier a's share of the next replies (about 2/3 of the traffic).
    expect(mixed.overall.nextResponseAttainment.mean).toBeGreaterThan(0.55);
    expect(mixed.overall.nextResponseAttainment.mean).toBeLessThan(0.8);
    const one = summarize(...run(yaml('  a: { firstResponse: 1h, nextResponse: 100h }\n  b: { firstResponse: 1h }')));
    expect(one.overall.nextResponseAttainment.mean).toBe(1);
    expect(one.byTier.b.nextResponseAttainment).toEqual({ mean: null, ci95: null });
    expect(one.byChannel.mail.nextResponseAttainment.mean).toBeNull();
    const none = summarize(...run(yaml('  a: { firstResponse: 1h }\n  b: { firstResponse: 1h }')));
    expect(none.overall.nextResponseAttainment).toEqual({ mean: null, ci95: null });
    expect(none.overall.nextResponseMean.mean).not.toBeNull();
  });

  function run(text: string): [Scenario, ReplicationResult[]] {
    const sc = scenario(text);
    return [sc, [simulateReplication(sc, 0), simulateReplication(sc, 1)]];
  }
});

describe('overrun past shift end', () => {
  it('is 0 with constant staffing', () => {
    const sc = scenario(`
horizon: 48h
channels:
  chat: { rate: 30/h, handleTime: 2m, turns: 3, customerReplyDelay: 10m }
teams:
  desk: { agents: 5, concurrency: 3 }
  night: { agents: 2 }
`);
    const r = simulateReplication(sc, 0);
    expect(team(r, 0, TeamField.overrunTime)).toBe(0);
    expect(team(r, 1, TeamField.overrunTime)).toBe(0);
    expect(teamMetric(sc, r, 0, 'overrunHours')).toBe(0);
  });

  it('counts the time leaving agents spend closing their conversations when a schedule drops while busy', () => {
    // Four agents until noon, then one: the three highest-numbered leave holding conversations.
    const sc = scenario(`
horizon: 24h
channels:
  chat: { rate: 12/h, handleTime: 2m, turns: 3, customerReplyDelay: { dist: exponential, mean: 20m } }
teams:
  desk: { concurrency: 3, schedule: [{ at: "00:00", agents: 4 }, { at: "12:00", agents: 1 }] }
`);
    const sim = new Simulation(sc, 0);
    const ag = sim.agents;
    const { from, to } = sc.report.window;
    // Independent bookkeeping: integrate the agents leaving and the conversations open after every event.
    let last = 0;
    let leaving = 0;
    let open = 0;
    let leavingArea = 0;
    let openArea = 0;
    let afterDrop: number[] | null = null;
    const accrue = (now: number) => {
      const dt = Math.max(0, Math.min(now, to) - Math.max(last, from));
      leavingArea += leaving * dt;
      openArea += open * dt;
      last = now;
    };
    const r = sim.run((s) => {
      accrue(s.engine.now);
      leaving = 0;
      open = 0;
      for (let a = 0; a < ag.size; a++) {
        if (ag.status[a] === AgentStatus.leaving) leaving++;
        open += ag.open[a];
      }
      if (afterDrop === null && s.engine.now >= 12 * H) afterDrop = Array.from(ag.status);
    });
    accrue(Math.max(r.endTime, sc.horizon));

    expect(team(r, 0, TeamField.overrunTime)).toBeGreaterThan(0);
    expect(team(r, 0, TeamField.overrunTime)).toBeCloseTo(leavingArea, 6);
    expect(team(r, 0, TeamField.openTime)).toBeCloseTo(openArea, 6);
    expect(teamMetric(sc, r, 0, 'overrunHours')).toBeCloseTo(leavingArea / H, 9);
    // Who leaves: agent 0 stays; 1 to 3 leave (finishing) or are already off.
    expect(afterDrop![0]).toBe(AgentStatus.on);
    expect(afterDrop!.slice(1).every((s) => s !== AgentStatus.on)).toBe(true);
    // Leaving agents still count as on shift: the time they really cost.
    expect(team(r, 0, TeamField.onShiftTime)).toBeGreaterThan(12 * H * 4 + 12 * H * 1);
    expect(team(r, 0, TeamField.onShiftTime)).toBeCloseTo(12 * H * 4 + 12 * H * 1 + leavingArea, 6);
    // On shift = rostered + finishing past shift end.
    const rostered = r.availability[0 * AVAILABILITY_FIELD_COUNT + AvailabilityField.rosteredTime];
    expect(team(r, 0, TeamField.onShiftTime) - rostered).toBeCloseTo(team(r, 0, TeamField.overrunTime), 6);
  });
});

describe('thresholds on the new metrics', () => {
  const names: ThresholdNames = { tiers: ['urgent', 'standard'], channels: ['messenger'], brands: [], teams: ['desk', 'crisis'], nextResponseTiers: ['urgent'] };
  const resolve = (key: string, condition: string, n: ThresholdNames = names) => resolveThreshold(key, condition, null, n);
  const error = (key: string, condition: string, n: ThresholdNames = names) => {
    const r = resolve(key, condition, n);
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.error;
  };

  it('slotOccupancy is a share per team', () => {
    const r = resolve('slotOccupancy{team:crisis}', '<= 0.95');
    expect(r.ok && r.value).toMatchObject({ name: 'slotOccupancy', unit: 'share', scope: { kind: 'team', index: 1, name: 'crisis' }, aggregation: { kind: 'rate' }, target: 0.95 });
    expect(error('slotOccupancy', '<= 95%')).toBe('slotOccupancy is per team: name one, e.g. slotOccupancy{team:desk}');
    expect(error('slotOccupancy{tier:urgent}', '<= 95%')).toBe('slotOccupancy takes the tags team, not "tier"');
  });

  it('overrunHours is a plain number of hours per team', () => {
    const r = resolve('overrunHours{team:desk}', '< 40');
    expect(r.ok && r.value).toMatchObject({ name: 'overrunHours', unit: 'count', aggregation: { kind: 'count' }, target: 40 });
    expect(error('overrunHours{team:desk}', '< 2h')).toMatch(/^overrunHours is a count: expected a plain number/);
    expect(error('overrunHours', '< 40')).toMatch(/^overrunHours is per team/);
  });

  it('nextResponseAttainment needs a tier with a nextResponse target, and says which key', () => {
    const r = resolve('nextResponseAttainment', '>= 90%');
    expect(r.ok && r.value).toMatchObject({ unit: 'share', scope: { kind: 'overall' }, target: 0.9 });
    expect(resolve('nextResponseAttainment{tier:urgent}', '>= 90%').ok).toBe(true);
    expect(resolve('nextResponseAttainment{channel:messenger}', '>= 90%').ok).toBe(true);
    expect(error('nextResponseAttainment{tier:standard}', '>= 90%')).toBe(
      'nextResponseAttainment{tier:standard} needs a next-reply target: tiers.standard.nextResponse is not set',
    );
    expect(error('nextResponseAttainment', '>= 90%', { ...names, nextResponseTiers: [] })).toBe(
      'nextResponseAttainment needs a next-reply target, and no tier sets one: add tiers.<name>.nextResponse, e.g. tiers.urgent.nextResponse: 30m',
    );
  });

  const base = (tier: string, thresholds = '') => `
horizon: 20h
channels:
  chat: { rate: 10/h, handleTime: 1m, turns: 2, customerReplyDelay: 5m }
tiers:
  standard: { firstResponse: 1h${tier} }
teams:
  desk: { agents: 3, concurrency: 2 }
${thresholds}`;

  it('a scenario threshold on nextResponseAttainment without a target is a validation error at its key', () => {
    let problems: ScenarioError['problems'] = [];
    try {
      scenario(base('', "thresholds:\n  nextResponseAttainment: ['>= 90%']\n"));
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      problems = e.problems;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('thresholds.nextResponseAttainment.0');
    expect(problems[0].message).toMatch(/tiers\.<name>\.nextResponse, e\.g\. tiers\.standard\.nextResponse: 30m/);
    expect(() => withThresholds(scenario(base('')), ['nextResponseAttainment >= 90%'])).toThrow(/tiers\.standard\.nextResponse/);
  });

  it('are evaluated from the replications like the metrics of the summary', () => {
    const thresholds = "thresholds:\n  nextResponseAttainment: ['>= 90%']\n  'slotOccupancy{team:desk}': ['<= 95%']\n  'overrunHours{team:desk}': ['< 1']\n";
    const sc = scenario(base(', nextResponse: 30m', thresholds));
    const results = [simulateReplication(sc, 0), simulateReplication(sc, 1)];
    const [next, slots, overrun] = sc.thresholds;
    expect(thresholdValues(sc, results, slots)).toEqual(teamValues(sc, results, 0, 'slotOccupancy'));
    expect(thresholdValues(sc, results, overrun)).toEqual([0, 0]);
    const values = thresholdValues(sc, results, next);
    expect(values.every((v) => v > 0.9 && v <= 1)).toBe(true);
    expect(values[0]).toBe(field(results[0], Field.nextResponseHits) / field(results[0], Field.nextRepliesTargeted));
  });
});
