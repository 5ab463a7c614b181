import { describe, expect, it } from 'vitest';
import { Field, TeamField } from '../../src/metrics/fields.js';
import { fieldIndex, teamFieldIndex } from '../../src/metrics/scopes.js';
import { type ReplicationResult } from '../../src/metrics/recorder.js';
import { AgentStatus } from '../../src/model/agents.js';
import { Simulation, simulateReplication } from '../../src/model/simulation.js';
import { parseScenario } from '../../src/scenario/load.js';

const scenario = (yaml: string) => parseScenario(yaml, 'features.yaml');
const field = (r: ReplicationResult, f: number, scope = 0) => r.fields[fieldIndex(scope, f)];
const team = (r: ReplicationResult, k: number, f: number) => r.teams[teamFieldIndex(k, f)];

describe('self-service', () => {
  it('deflects about `share` of conversations nobody picks up, and none that agents take at once', () => {
    const base = (agents: number) => scenario(`
horizon: 200h
channels:
  community: { rate: 30/h, handleTime: { dist: exponential, mean: 108s }, selfService: { share: 0.4, within: 1h } }
teams:
  mods: { agents: ${agents} }
`);
    // One agent at 90% load: many conversations wait; those whose self-service time comes first are deflected.
    const busy = simulateReplication(base(1), 0);
    const share = field(busy, Field.deflected) / field(busy, Field.arrivals);
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.4);
    expect(field(busy, Field.answered) + field(busy, Field.deflected) + field(busy, Field.abandoned)).toBe(field(busy, Field.arrivals));
    // Plenty of agents: every conversation is picked up on arrival, none deflected.
    expect(field(simulateReplication(base(30), 0), Field.deflected)).toBe(0);
  });
});

describe('follow-ups', () => {
  const yaml = (probability: number) => `
horizon: 100h
channels:
  messenger:
    rate: 20/h
    handleTime: 5m
    followUp: { after: 30m, probability: ${probability}, channel: twitter, max: 2, mergeTime: 2m }
  twitter: { rate: 1/h, handleTime: 5m }
teams:
  care: { agents: 2 }
`;

  it('spawn linked negative posts on the follow-up channel while customers wait, settled with the original', () => {
    const r = simulateReplication(scenario(yaml(1)), 0);
    const followUps = field(r, Field.followUps);
    expect(followUps).toBeGreaterThan(0);
    // Follow-ups land on twitter (scope 2) and are negative.
    expect(field(r, Field.followUps, 2)).toBe(followUps);
    expect(field(r, Field.negativeArrivals, 2)).toBeGreaterThanOrEqual(followUps);
    // Every linked group is answered once: the rest are merged, and nothing stays unanswered.
    expect(field(r, Field.merged)).toBeGreaterThan(0);
    expect(field(r, Field.unanswered)).toBe(0);
    expect(field(r, Field.firstReplies)).toBe(field(r, Field.answered));
  });

  it('never happen with probability 0, and feed the backlog as probability grows', () => {
    const none = simulateReplication(scenario(yaml(0)), 0);
    const all = simulateReplication(scenario(yaml(1)), 0);
    expect(field(none, Field.followUps)).toBe(0);
    expect(field(all, Field.arrivals)).toBeGreaterThan(field(none, Field.arrivals));
  });
});

describe('team speed', () => {
  it('divides handle times: twice the speed, half the writing time', () => {
    const yaml = (speed: number) => `
horizon: 200h
channels:
  chat: { rate: 20/h, handleTime: { dist: exponential, mean: 3m } }
teams:
  care: { agents: 5, speed: ${speed} }
`;
    const slow = simulateReplication(scenario(yaml(1)), 0);
    const fast = simulateReplication(scenario(yaml(2)), 0);
    // Same customers (common random numbers), so the ratio is exact up to the window's edges.
    expect(team(fast, 0, TeamField.writingTime) / team(slow, 0, TeamField.writingTime)).toBeCloseTo(0.5, 2);
  });
});

describe('reserve teams (activation)', () => {
  it('join `after` past a surge start and stand down `standDown` past its end', () => {
    const sc = scenario(`
horizon: 48h
channels:
  chat: { rate: 10/h, handleTime: 2m }
surges:
  - { name: outage, start: 10h, rampUp: 1h, duration: 4h, rampDown: 1h, volume: +60% }
teams:
  regular: { agents: 2 }
  crisis: { agents: 3, activation: { after: 2h, standDown: 3h } }
`);
    const sim = new Simulation(sc, 0);
    const crisisOn = () => {
      let n = 0;
      for (let a = 0; a < sim.agents.size; a++) if (sim.agents.team[a] === 1 && sim.agents.status[a] !== AgentStatus.off) n++;
      return n;
    };
    const seen: [number, number][] = [];
    sim.run((s) => seen.push([s.engine.now, crisisOn()]));
    const H = 3600;
    for (const [t, n] of seen) {
      if (t < 12 * H) expect(n, `t=${t}`).toBe(0);
      // On shift from 12h (10h + 2h) until the surge ends at 16h plus 3h (leaving agents finish first).
      if (t >= 12 * H && t < 19 * H) expect(n, `t=${t}`).toBe(3);
      if (t > 20 * H) expect(n, `t=${t}`).toBe(0);
    }
  });

  it('join when the backlog exceeds `whenBacklog` and leave `standDown` after it falls back', () => {
    const sc = scenario(`
horizon: 24h
channels:
  chat: { rate: 30/h, handleTime: { dist: exponential, mean: 3m } }
surges:
  - { start: 6h, duration: 2h, volume: 4 }
teams:
  regular: { agents: 2 }
  reserve: { agents: 4, activation: { whenBacklog: 20, standDown: 30m } }
`);
    const sim = new Simulation(sc, 0);
    const H = 3600;
    let maxReserve = 0;
    let firstOn = Infinity;
    let lastOn = -Infinity;
    sim.run((s) => {
      let on = 0;
      for (let a = 0; a < s.agents.size; a++) if (s.agents.team[a] === 1 && s.agents.status[a] === AgentStatus.on) on++;
      maxReserve = Math.max(maxReserve, on);
      if (on > 0) {
        firstOn = Math.min(firstOn, s.engine.now);
        lastOn = s.engine.now;
      }
    });
    // 1.5 Erlangs on 2 agents never queues 20 before the surge; 4x the volume does within the hour.
    expect(maxReserve).toBe(4);
    expect(firstOn).toBeGreaterThanOrEqual(6 * H);
    expect(firstOn).toBeLessThan(7 * H);
    // Once the surge's backlog has drained, the reserve stands down.
    expect(lastOn).toBeLessThan(12 * H);
  });
});

describe('overflow', () => {
  it("opens a team's waiting work to another team only after `after`", () => {
    const sc = scenario(`
horizon: 100h
channels:
  vip: { rate: 30/h, handleTime: { dist: exponential, mean: 4m }, tier: gold }
  mass: { rate: 5/h, handleTime: 2m }
tiers:
  gold: { firstResponse: 30m }
  basic: { firstResponse: 2h }
teams:
  gold-team: { agents: 2, dedicated: { tiers: [gold] }, overflow: { after: 10m, to: pool } }
  pool: { agents: 4 }
routing: { policy: dedicated }
`);
    const sim = new Simulation(sc, 0);
    const { conv, agents } = sim;
    let overflowed = 0;
    sim.run((s) => {
      for (let a = 0; a < agents.size; a++) {
        const slot = agents.writing[a];
        if (slot < 0 || agents.team[a] !== 1 || conv.tier[slot] !== 0 || conv.turnsDone[slot] !== 0) continue;
        // The pool writes to a gold conversation: it must have waited at least 10 minutes.
        expect(agents.writeStart[a] - conv.arrival[slot]).toBeGreaterThanOrEqual(600 - 1e-9);
        overflowed++;
      }
      void s;
    });
    expect(overflowed).toBeGreaterThan(0);
  });
});

describe('triage and tagging', () => {
  it('misroutes about (1 - accuracy) of the conversations a rule depends on, and never at accuracy 1', () => {
    const yaml = (accuracy: number) => `
horizon: 500h
channels:
  chat: { rate: 60/h, handleTime: 30s, sentiment: { negative: 0.5, neutral: 0.5 } }
tiers:
  urgent: { firstResponse: 10m }
  standard: { firstResponse: 1h }
triage:
  - { when: { sentiment: negative }, tier: urgent }
tagging: { accuracy: ${accuracy} }
teams:
  care: { agents: 3 }
`;
    const r = simulateReplication(scenario(yaml(0.8)), 0);
    // A misread sentiment changes the tier exactly when it crosses negative / not negative: with two
    // values, every misread does.
    expect(field(r, Field.misrouted) / field(r, Field.arrivals)).toBeCloseTo(0.2, 1);
    expect(field(simulateReplication(scenario(yaml(1)), 0), Field.misrouted)).toBe(0);
  });

  it('takes the first matching rule, then the channel tier', () => {
    const r = simulateReplication(scenario(`
horizon: 200h
channels:
  chat: { rate: 60/h, handleTime: 30s, sentiment: { negative: 1 }, tier: standard }
  mail: { rate: 60/h, handleTime: 30s, tier: standard }
tiers:
  urgent: { firstResponse: 10m }
  high: { firstResponse: 30m }
  standard: { firstResponse: 1h }
triage:
  - { when: { sentiment: negative, channel: chat }, tier: high }
  - { when: { sentiment: negative }, tier: urgent }
teams:
  care: { agents: 3 }
`), 0);
    // Scopes: 0 overall, 1-2 channels, 3 urgent, 4 high, 5 standard.
    expect(field(r, Field.arrivals, 3)).toBe(0);
    expect(field(r, Field.arrivals, 4)).toBe(field(r, Field.arrivals, 1));
    expect(field(r, Field.arrivals, 5)).toBe(field(r, Field.arrivals, 2));
  });
});

describe('edges of the run', () => {
  it('counts agents on shift up to the horizon even when the last event comes earlier', () => {
    const r = simulateReplication(scenario(`
horizon: 10h
channels:
  quiet: { rate: 0.3/h, handleTime: 2m }
teams:
  care: { agents: 3 }
`), 0);
    expect(team(r, 0, TeamField.onShiftTime)).toBeCloseTo(3 * 10 * 3600, 6);
    const bins = r.series.onShiftArea.length;
    expect(r.series.onShiftArea[bins - 1]).toBeCloseTo(3 * 900, 6);
  });

  it('keeps follow-ups posted after the horizon out of the time series', () => {
    const sc = scenario(`
horizon: 4h
report: { interval: 1h }
channels:
  messenger:
    rate: 60/h
    handleTime: 5m
    followUp: { after: 10m, probability: 1, channel: twitter, max: 2 }
  twitter: { rate: 1/h, handleTime: 5m }
teams:
  care: { agents: 2 }
`);
    const r = simulateReplication(sc, 0);
    const seriesArrivals = r.series.arrivals.reduce((a, b) => a + b, 0);
    // The window is [0, horizon): what the series counts is exactly what was measured, though
    // overloaded customers kept posting follow-ups during the drain (which neither counts).
    expect(r.endTime).toBeGreaterThan(sc.horizon);
    expect(seriesArrivals).toBe(field(r, Field.arrivals));
  });

  it('a reserve team whose surge window closes before it opens still answers to the backlog', () => {
    const sc = scenario(`
horizon: 12h
channels:
  chat: { rate: 60/h, handleTime: { dist: exponential, mean: 3m } }
surges:
  - { start: 1h, duration: 1h, volume: 1.2 }
teams:
  regular: { agents: 2 }
  reserve: { agents: 4, activation: { after: 3h, whenBacklog: 5, standDown: 0 } }
`);
    const r = simulateReplication(sc, 0);
    // 3 Erlangs on 2 agents: the backlog passes 5 quickly, and the reserve must come.
    expect(team(r, 1, TeamField.onShiftTime)).toBeGreaterThan(0);
    expect(field(r, Field.unanswered)).toBe(0);
  });
});

