import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError, summarize } from '../../src/index.js';
import { AvailabilityField, AVAILABILITY_FIELD_COUNT, TeamField } from '../../src/metrics/fields.js';
import { Recorder, type ReplicationResult } from '../../src/metrics/recorder.js';
import { teamFieldIndex } from '../../src/metrics/scopes.js';
import { AgentStatus, Away } from '../../src/model/agents.js';
import { EventKind } from '../../src/model/events.js';
import { Simulation, simulateReplication } from '../../src/model/simulation.js';

const FILE = 'shrinkage.yaml';

/** One channel, one team `desk` with the given extra keys. */
const scenarioText = (deskKeys: string, agents = 6, horizon = '200h', rate = '40/h') => `horizon: ${horizon}
drain: 0
channels:
  chat: { rate: ${rate}, handleTime: { dist: exponential, mean: 6m } }
teams:
  desk:
    agents: ${agents}
${deskKeys}`;

const load = (text: string) => parseScenario(text, FILE);

function problemsOf(text: string): { where: string; path: string; message: string }[] {
  try {
    load(text);
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems;
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

const availability = (r: ReplicationResult, field: number, team = 0) => r.availability[team * AVAILABILITY_FIELD_COUNT + field];

describe('shrinkage: the scenario keys', () => {
  it('reads a percentage or a fraction, and a mean absence length (15m by default)', () => {
    const pct = load(scenarioText('    shrinkage: 30%\n')).teams[0];
    const frac = load(scenarioText('    shrinkage: 0.3\n    shrinkageBlock: 40m\n')).teams[0];
    expect([pct.shrinkage, pct.shrinkageBlock]).toEqual([0.3, 900]);
    expect([frac.shrinkage, frac.shrinkageBlock]).toEqual([0.3, 2400]);
    expect(load(scenarioText('')).teams[0].shrinkage).toBe(0);
  });

  it('refuses 100% and more, negatives and words, at the key', () => {
    for (const bad of ['100%', '1', '1.2', '-0.1', 'lots', '"120%"']) {
      const p = problemsOf(scenarioText(`    shrinkage: ${bad}\n`));
      expect(p, bad).toHaveLength(1);
      expect(p[0].where, bad).toBe(`${FILE}:8:16`);
      expect(p[0].path).toBe('teams.desk.shrinkage');
      expect(p[0].message, bad).toMatch(/^expected a share (below 100%|from 0 to below 1)/);
    }
    expect(problemsOf(scenarioText('    shrinkage: 100%\n'))[0].message).toBe('expected a share below 100% such as 30% or 0.3, got "100%"');
    expect(problemsOf(scenarioText('    shrinkage: 30%\n    shrinkageBlock: 0\n'))[0]).toEqual({
      where: `${FILE}:9:21`,
      path: 'teams.desk.shrinkageBlock',
      message: 'expected a duration > 0, got 0',
    });
  });
});

describe('shrinkage: agents away', () => {
  it('without it, nobody is ever away, no absence event happens and every rostered hour is productive', () => {
    const kindsSeen = (keys: string) => {
      const sim = new Simulation(load(scenarioText(keys)), 0);
      const kinds = new Set<number>();
      const handle = sim.handle.bind(sim);
      sim.handle = (kind, a, b) => (kinds.add(kind), handle(kind, a, b));
      let away = 0;
      sim.run((s) => {
        for (let a = 0; a < s.agents.size; a++) if (s.agents.away[a] !== Away.no) away++;
      });
      return { kinds, away };
    };
    const none = kindsSeen('');
    expect(none.away).toBe(0);
    expect(none.kinds.has(EventKind.absenceDue) || none.kinds.has(EventKind.absenceEnd)).toBe(false);
    // The same watch sees them with shrinkage.
    const some = kindsSeen('    shrinkage: 10%\n');
    expect(some.away).toBeGreaterThan(0);
    expect(some.kinds.has(EventKind.absenceDue) && some.kinds.has(EventKind.absenceEnd)).toBe(true);
    const r = simulateReplication(load(scenarioText('')), 0);
    expect(availability(r, AvailabilityField.awayTime)).toBe(0);
    expect(availability(r, AvailabilityField.rosteredTime)).toBe(6 * 200 * 3600);
  });

  it('an agent whose absence is due takes nothing new, finishes its reply, then writes nothing until back', () => {
    const sc = load(scenarioText('    shrinkage: 40%\n    shrinkageBlock: 20m\n', 4, '100h', '25/h'));
    const sim = new Simulation(sc, 0);
    const open = new Int32Array(sim.agents.size);
    const wasAway = new Uint8Array(sim.agents.size);
    let dueWhileWriting = 0;
    let absences = 0;
    sim.run((s) => {
      const ag = s.agents;
      for (let a = 0; a < ag.size; a++) {
        if (ag.away[a] === Away.away && ag.writing[a] >= 0) throw new Error(`t=${s.engine.now}: agent ${a} writes while away`);
        // Taking a new conversation shows as more open conversations: never while away or due.
        if (ag.away[a] !== Away.no && wasAway[a] !== Away.no && ag.open[a] > open[a]) throw new Error(`t=${s.engine.now}: agent ${a} took work while away`);
        if (ag.away[a] === Away.due && ag.writing[a] >= 0) dueWhileWriting++;
        if (ag.away[a] === Away.away && wasAway[a] !== Away.away) absences++;
        if (ag.status[a] !== AgentStatus.on && ag.away[a] !== Away.no) throw new Error(`agent ${a} away while off the roster`);
        open[a] = ag.open[a];
        wasAway[a] = ag.away[a];
      }
    });
    // 100 h of 4 agents, one absence per 50 minutes or so each: hundreds, some of them waiting for a reply to be finished.
    expect(absences).toBeGreaterThan(300);
    expect(dueWhileWriting).toBeGreaterThan(0);
  });

  it('takes about the shrinkage share of rostered time, and reports rostered and productive headcounts', () => {
    const sc = load(scenarioText('    shrinkage: 25%\n', 6, '400h', '30/h'));
    const results = [0, 1].map((rep) => simulateReplication(sc, rep));
    for (const r of results) {
      const rostered = availability(r, AvailabilityField.rosteredTime);
      expect(rostered).toBe(6 * 400 * 3600);
      const share = availability(r, AvailabilityField.awayTime) / rostered;
      expect(Math.abs(share - 0.25), `away share ${share}`).toBeLessThan(0.02);
      // Agents write only while at work.
      expect(r.teams[teamFieldIndex(0, TeamField.writingTime)]).toBeLessThan(rostered - availability(r, AvailabilityField.awayTime));
    }
    const team = summarize(sc, results).byTeam.desk;
    expect(team.agentsRosteredMean.mean).toBe(6);
    expect(team.agentsProductiveMean.mean!).toBeGreaterThan(6 * 0.73);
    expect(team.agentsProductiveMean.mean!).toBeLessThan(6 * 0.77);
  });

  it('draws from its own stream: a team with shrinkage leaves the arrivals and handle times of the others as they were', () => {
    const two = (keys: string) => load(`horizon: 50h
channels:
  chat: { rate: 20/h, handleTime: { dist: exponential, mean: 6m } }
  mail: { rate: 5/h, handleTime: { dist: exponential, mean: 10m } }
teams:
  chatters: { agents: 4, channels: [chat] }
  mailers: { agents: 2, channels: [mail]${keys} }
`);
    const before = simulateReplication(two(''), 3);
    const after = simulateReplication(two(', shrinkage: 20%'), 3);
    // The chat team never meets the mail team's absences: its numbers are exactly the same.
    expect(after.teams[teamFieldIndex(0, TeamField.writingTime)]).toBe(before.teams[teamFieldIndex(0, TeamField.writingTime)]);
    expect(after.teams[teamFieldIndex(0, TeamField.handled)]).toBe(before.teams[teamFieldIndex(0, TeamField.handled)]);
    expect(availability(after, AvailabilityField.awayTime, 1)).toBeGreaterThan(0);
    expect(availability(after, AvailabilityField.awayTime, 0)).toBe(0);
  });

  it('ends an absence when the agent leaves the roster, and starts none while it finishes its conversations', () => {
    const sc = load(`horizon: 48h
drain: 2h
channels:
  chat: { rate: 30/h, handleTime: { dist: exponential, mean: 6m } }
teams:
  base: { agents: 2 }
  desk:
    schedule: [{ at: "08:00", agents: 5 }, { at: "18:00", agents: 1 }]
    shrinkage: 50%
    shrinkageBlock: 30m
`);
    const sim = new Simulation(sc, 0);
    let leavingSeen = 0;
    sim.run((s) => {
      for (let a = 0; a < s.agents.size; a++) {
        if (s.agents.status[a] === AgentStatus.leaving) {
          leavingSeen++;
          if (s.agents.away[a] !== Away.no) throw new Error(`agent ${a} away while leaving`);
        }
      }
    });
    expect(leavingSeen).toBeGreaterThan(0);
  });
});

describe('Recorder: rostered and away agent time', () => {
  it('integrates each per team, clipped to the measurement window, and closes both at the end', () => {
    const r = new Recorder({
      channels: 1, tiers: 1, brands: 0, teams: 2,
      classes: { channel: Int32Array.of(0), tier: Int32Array.of(0), brand: Int32Array.of(-1) },
      from: 100, to: 1000, horizon: 1000, interval: 300, answeredWithin: 7200,
    });
    r.rosteredChanged(0, 1, 3); // 3 rostered from 0: 900 s of them in the window
    r.awayChanged(50, 1, 1); // 1 away over [50, 400): 300 s in the window
    r.awayChanged(400, 1, -1);
    r.rosteredChanged(600, 1, -1); // 2 from 600
    r.rosteredChanged(200, 0, 1); // team 0: 1 over [200, end)
    r.finish(1200);
    const at = (team: number, f: number) => r.availability[team * AVAILABILITY_FIELD_COUNT + f];
    expect(at(1, AvailabilityField.rosteredTime)).toBe(3 * 500 + 2 * 400);
    expect(at(1, AvailabilityField.awayTime)).toBe(300);
    expect(at(0, AvailabilityField.rosteredTime)).toBe(800);
    expect(at(0, AvailabilityField.awayTime)).toBe(0);
  });
});
